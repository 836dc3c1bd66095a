import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nobleCrypto } from '../crypto/noble-provider.js'
import { decodeBase64url, encodeBase64url } from '../encoding/base64url.js'
import { utf8Encode } from '../encoding/utf8.js'
import { codeOf } from '../test-support/codes.js'
import {
  componentHash,
  fingerprintMatches,
  isComponentHash,
  packComponents,
  unpackComponents,
} from './fingerprint.js'

const hash = (name: string, value: string) => componentHash('demo', name, value, nobleCrypto)

describe('fingerprint components', () => {
  it('are the first 4 bytes of SHA-256("tessera-fp:v1:<product>:<name>=<value>"), base64url', () => {
    const digest = nobleCrypto.sha256(utf8Encode('tessera-fp:v1:demo:host=box'))
    expect(hash('host', 'box')).toBe(encodeBase64url(digest.subarray(0, 4)))
    expect(hash('host', 'box')).toHaveLength(6)
    expect(componentHash('other', 'host', 'box', nobleCrypto)).not.toBe(hash('host', 'box'))
  })

  it('are canonical: 6 characters whose unused trailing bits are zero', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
        const text = encodeBase64url(bytes)
        expect(isComponentHash(text)).toBe(true)
        expect(decodeBase64url(text)).toEqual(bytes)
      }),
    )
    for (const bad of ['AAAAAB', 'AAAAA', 'AAAAAAA', 'AAAA+A', 'AAAA=A', '', 7]) {
      expect(isComponentHash(bad), String(bad)).toBe(false)
    }
  })

  it('pack into the lease as one string and unpack from it, 1..16 of them', () => {
    const list = ['machine-id', 'os', 'cpu', 'host', 'mac', 'disk'].map((n) => hash(n, 'x'))
    const packed = packComponents(list)
    expect(packed).toHaveLength(36)
    expect(unpackComponents(packed)).toEqual(list)
    expect(codeOf(() => packComponents([]))).toBe('CLAIMS_INVALID')
    expect(codeOf(() => packComponents(Array.from({ length: 17 }, () => list[0]!)))).toBe('CLAIMS_INVALID')
    expect(codeOf(() => packComponents(['c-machine']))).toBe('CLAIMS_INVALID')
    expect(codeOf(() => unpackComponents(`${packed}AAAA`))).toBe('CLAIMS_INVALID')
    expect(codeOf(() => unpackComponents(''))).toBe('CLAIMS_INVALID')
  })

  it('match when k of the lease components are present', () => {
    const list = ['a', 'b', 'c', 'd'].map((n) => hash(n, 'x'))
    const hwf = { k: 3, c: packComponents(list) }
    expect(fingerprintMatches(hwf, list)).toBe(true)
    expect(fingerprintMatches(hwf, [...list.slice(0, 3), hash('d', 'new')])).toBe(true)
    expect(fingerprintMatches(hwf, list.slice(0, 2))).toBe(false)
  })
})
