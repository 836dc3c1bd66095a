import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeOf as code } from '../test-support/codes.js'
import { decodeBase64url, encodeBase64url } from './base64url.js'

describe('base64url', () => {
  it('round-trips any bytes and matches Node Buffer encoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64url(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64url'))
        expect(decodeBase64url(text)).toEqual(bytes)
      }),
    )
  })

  it.each([
    ['padding', 'AA=='],
    ['standard alphabet +', 'a+b/'],
    ['impossible length', 'AAAAA'],
    ['non-zero trailing bits (2 chars)', 'AB'],
    ['non-zero trailing bits (3 chars)', 'AAB'],
    ['whitespace', 'AA AA'],
    ['non-ASCII', 'AAé'],
  ])('refuses %s', (_name, text) => {
    expect(code(() => decodeBase64url(text))).toBe('BASE64URL_INVALID')
  })

  it('has exactly one encoding per byte string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16 }), (text) => {
        let bytes: Uint8Array
        try {
          bytes = decodeBase64url(text)
        } catch {
          return
        }
        expect(encodeBase64url(bytes)).toBe(text)
      }),
    )
  })
})
