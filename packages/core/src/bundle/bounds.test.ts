import { describe, expect, it } from 'vitest'
import { MAX_REVOCATION_ENTRIES, REVOCATION_LIST_SCHEMA } from '../claims/revocation-claims.js'
import { validateSchema } from '../claims/schema.js'
import { encodeBase64url } from '../encoding/base64url.js'
import { utf8Encode } from '../encoding/utf8.js'
import { decodeJws } from '../jws/decode.js'
import { MAX_TOKEN_LENGTH, TOKEN_TYPES, type TokenKind } from '../jws/token-types.js'
import { codeOf } from '../test-support/codes.js'
import { MAX_BUNDLE_LENGTH, MAX_CHAIN_LINKS, parseBundle } from './bundle.js'

// The size bounds must agree with each other: whatever one bound admits, the bound of the
// object that carries it must admit too. Each test builds the largest object the inner bounds
// allow (maximal ASCII strings, 16-digit integers, 64-character kids) and checks the outer bound.
const MAX_INT = Number.MAX_SAFE_INTEGER
const KID = 'k'.repeat(64)

/** A compact JWS of `kind` over `claims`, with a well-formed but unverified signature. */
function compact(kind: TokenKind, claims: object): string {
  const part = (value: object) => encodeBase64url(utf8Encode(JSON.stringify(value)))
  return `${part({ alg: 'EdDSA', typ: TOKEN_TYPES[kind], kid: KID })}.${part(claims)}.${'A'.repeat(86)}`
}

/** A bundle whose every token has its kind's maximal length, padded to `length` JSON characters. */
function largestBundle(length?: number) {
  const bundle = {
    v: 1 as const,
    chain: Array.from({ length: MAX_CHAIN_LINKS }, () => 'r'.repeat(MAX_TOKEN_LENGTH.root)),
    keyset: 'k'.repeat(MAX_TOKEN_LENGTH.keyset),
    lease: 'l'.repeat(MAX_TOKEN_LENGTH.lease),
    access: 'a'.repeat(MAX_TOKEN_LENGTH.access),
    status: 's'.repeat(MAX_TOKEN_LENGTH.status),
  }
  if (length !== undefined) bundle.keyset += 'k'.repeat(length - JSON.stringify(bundle).length)
  return bundle
}

describe('size bounds agree', () => {
  it('a bundle of tokens within their bounds is within the bundle bound; one character more is not', () => {
    const largest = largestBundle()
    expect(JSON.stringify(largest).length).toBeLessThanOrEqual(MAX_BUNDLE_LENGTH)
    expect(codeOf(() => parseBundle(largest))).toBe('ok')
    expect(codeOf(() => parseBundle(largestBundle(MAX_BUNDLE_LENGTH)))).toBe('ok')
    expect(codeOf(() => parseBundle(largestBundle(MAX_BUNDLE_LENGTH + 1)))).toBe('TOO_LARGE')
  })

  it('an offline response holds the largest bundle with maximal claims', () => {
    const token = compact('offlineResponse', {
      v: 1,
      iss: 'i'.repeat(128),
      aud: 'd'.repeat(43),
      req: 'q'.repeat(64),
      iat: MAX_INT,
      jti: 'j'.repeat(128),
      bnd: largestBundle(MAX_BUNDLE_LENGTH),
    })
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH.offlineResponse)
    expect(codeOf(() => parseBundle(decodeJws(token, 'offlineResponse').payload.bnd))).toBe('ok')
  })

  it('a revocation list holds the most entries its schema allows, each of maximal ASCII length', () => {
    const entry = { k: 'license', id: 'x'.repeat(128), at: MAX_INT, rsn: 'r'.repeat(64) }
    const claims = {
      v: 1,
      iss: 'i'.repeat(128),
      aud: 'p'.repeat(128),
      seq: MAX_INT,
      frm: MAX_INT,
      iat: MAX_INT,
      exp: MAX_INT,
      ent: Array.from({ length: MAX_REVOCATION_ENTRIES }, () => entry),
    }
    const token = compact('revocations', claims)
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH.revocations)
    expect(
      codeOf(() => validateSchema(decodeJws(token, 'revocations').payload, REVOCATION_LIST_SCHEMA)),
    ).toBe('ok')
    const tooMany = compact('revocations', { ...claims, ent: [...claims.ent, entry] })
    expect(
      codeOf(() => validateSchema(decodeJws(tooMany, 'revocations').payload, REVOCATION_LIST_SCHEMA)),
    ).toBe('CLAIMS_INVALID')
  })
})
