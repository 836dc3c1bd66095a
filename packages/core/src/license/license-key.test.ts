import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nobleCrypto } from '../crypto/noble-provider.js'
import { codeOf } from '../test-support/codes.js'
import { formatLicenseKey, licenseKeyHash, normalizeLicenseKey } from './license-key.js'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

describe('license keys', () => {
  it('formats keys that normalize back, whatever the case and separators', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const key = formatLicenseKey(bytes)
        expect(key).toMatch(/^TSR(-[0-9A-Z]{5}){5}-[0-9A-Z]{2}$/)
        expect(normalizeLicenseKey(key.toLowerCase().replace(/-/g, ' '))).toBe(normalizeLicenseKey(key))
        expect(licenseKeyHash(key, nobleCrypto)).toHaveLength(43)
      }),
    )
  })

  it('catches every single-symbol typo and adjacent swap', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.nat(24),
        fc.nat(31),
        (bytes, pos, sym) => {
          const body = normalizeLicenseKey(formatLicenseKey(bytes)).slice(3, -1)
          const check = normalizeLicenseKey(formatLicenseKey(bytes)).slice(-1)
          const typo = body.slice(0, pos) + ALPHABET[sym] + body.slice(pos + 1)
          if (typo !== body) expect(codeOf(() => normalizeLicenseKey(`TSR${typo}${check}`))).toBe('MALFORMED')
          const swapped = body.slice(0, pos) + body[pos + 1] + body[pos] + body.slice(pos + 2)
          if (pos < 24 && swapped !== body)
            expect(codeOf(() => normalizeLicenseKey(`TSR${swapped}${check}`))).toBe('MALFORMED')
        },
      ),
    )
  })

  it('catches the typo a modulus-31 check would miss (0 ↔ Z)', () => {
    const key = normalizeLicenseKey(formatLicenseKey(new Uint8Array(16)))
    expect(key.slice(3, 8)).toBe('00000')
    expect(codeOf(() => normalizeLicenseKey(`TSRZ${key.slice(4)}`))).toBe('MALFORMED')
  })

  it('refuses other shapes with MALFORMED', () => {
    for (const bad of [
      '',
      'TSR-',
      'ABC-12345-12345-12345-12345-12345-1',
      'TSR-UUUUU-12345-12345-12345-12345-1',
    ]) {
      expect(codeOf(() => normalizeLicenseKey(bad))).toBe('MALFORMED')
    }
  })
})
