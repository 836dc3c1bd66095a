// jws.json, continued: strict JSON, canonical base64url, the size bound and the Ed25519 signature.
import { LEASE_KEY, leaseClaims, STATUS_KEY } from '../../packages/core/src/test-support/factory.js'
import { fail, leaseToken, ok, type Vector } from './common.js'
import { addL, b64, compact, flipBit, parts, signatureOf, standardAlphabet, withSignature } from './jws.js'
import { CLAIMS, GOOD, H, lease, P, PAYLOAD, S, TYP } from './jws-fixtures.js'

export function encodingVectors(): Vector[] {
  return [...jsonVectors(), ...base64Vectors(), ...sizeVectors(), ...signatureVectors()]
}

function jsonVectors(): Vector[] {
  const dupHeader = `{"alg":"EdDSA","typ":"${TYP}","kid":"k-lease-1","kid":"k-status-1"}`
  const escapedDup = `{"alg":"EdDSA","typ":"${TYP}","kid":"k-lease-1","\\u0061lg":"none"}`
  const dupPayload = `${PAYLOAD.slice(0, -1)},"aud":"other-product"}`
  const protoPayload = `${PAYLOAD.slice(0, -1)},"__proto__":{"v":2}}`
  const hdr = JSON.stringify({ alg: 'EdDSA', typ: TYP, kid: 'k-lease-1' })
  const badUtf8 = Uint8Array.from([...new TextEncoder().encode(hdr.slice(0, -2)), 0xff, 0x22, 0x7d])
  return [
    lease(
      'json-duplicate-header-member',
      compact(dupHeader, PAYLOAD, LEASE_KEY),
      fail('JSON_DUPLICATE_MEMBER'),
    ),
    lease(
      'json-duplicate-header-member-escaped',
      compact(escapedDup, PAYLOAD, LEASE_KEY),
      fail('JSON_DUPLICATE_MEMBER'),
      'Member names are compared after unescaping: "\\u0061lg" is "alg".',
    ),
    lease(
      'json-duplicate-payload-member',
      compact(hdr, dupPayload, LEASE_KEY),
      fail('JSON_DUPLICATE_MEMBER'),
    ),
    lease('json-proto-member-in-payload', compact(hdr, protoPayload, LEASE_KEY), fail('JSON_INVALID')),
    lease(
      'json-proto-member-in-header',
      compact(`${hdr.slice(0, -1)},"__proto__":{}}`, PAYLOAD, LEASE_KEY),
      fail('JSON_INVALID'),
    ),
    lease('json-payload-not-an-object', compact(hdr, '["v",1]', LEASE_KEY), fail('JSON_INVALID')),
    lease('json-payload-trailing-characters', compact(hdr, `${PAYLOAD}x`, LEASE_KEY), fail('JSON_INVALID')),
    lease('json-header-invalid-utf8', `${b64(badUtf8)}.${P}.${S}`, fail('JSON_INVALID')),
  ]
}

function base64Vectors(): Vector[] {
  const padded = (text: string) => text + '='.repeat((4 - (text.length % 4)) % 4 || 1)
  const sig = S
  const last = sig.at(-1)!
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  const trailing = sig.slice(0, -1) + alphabet[alphabet.indexOf(last) + 1]!
  const segment = [H, P, S].findIndex((s) => /[-_]/.test(s))
  // The same bytes in the standard alphabet when a segment has - or _; otherwise one character of
  // the signature swapped for its standard-alphabet neighbour '+' (still refused by the alphabet check).
  const std =
    segment >= 0
      ? [H, P, S].map((s, i) => (i === segment ? standardAlphabet(s) : s)).join('.')
      : `${H}.${P}.+${S.slice(1)}`
  return [
    lease('base64url-padded-signature', `${H}.${P}.${padded(S)}`, fail('BASE64URL_INVALID')),
    lease('base64url-padded-header', `${padded(H)}.${P}.${S}`, fail('BASE64URL_INVALID')),
    lease(
      'base64url-nonzero-trailing-bits',
      `${H}.${P}.${trailing}`,
      fail('BASE64URL_INVALID'),
      'The last signature character carries 2 bits of padding that must be zero.',
    ),
    lease(
      'base64url-standard-alphabet',
      std,
      fail('BASE64URL_INVALID'),
      'The same bytes with + and / (RFC 4648 §4).',
    ),
    lease('base64url-line-break', `${H}.${P.slice(0, 40)}\n${P.slice(40)}.${S}`, fail('BASE64URL_INVALID')),
  ]
}

/**
 * A signed, otherwise valid lease of exactly `length` characters: `lim` grows the payload, and up to
 * three spaces of insignificant whitespace in the header reach the lengths base64url skips.
 */
function leaseOfLength(length: number): { token: string; claims: object } {
  for (let n = 1; n < 2000; n++) {
    for (const spaces of [0, 1, 2, 3]) {
      const claims = leaseClaims({ lim: { seats: 5, [`pad${'x'.repeat(n)}`]: 1 } })
      const header = `{"alg":"EdDSA",${' '.repeat(spaces)}"typ":"${TYP}","kid":"k-lease-1"}`
      // An Ed25519 signature is always 86 characters: sign only the candidate of the right length.
      if (b64(header).length + b64(JSON.stringify(claims)).length + 88 !== length) continue
      return { token: compact(header, JSON.stringify(claims), LEASE_KEY), claims }
    }
  }
  throw new Error(`no lease of length ${length}`)
}

function sizeVectors(): Vector[] {
  const max = leaseOfLength(2048)
  return [
    lease(
      'size-at-bound-accepted',
      max.token,
      ok({ claims: max.claims }),
      'Exactly MAX_TOKEN_LENGTH.lease = 2048 characters.',
    ),
    lease(
      'size-over-bound',
      leaseOfLength(2049).token,
      fail('TOO_LARGE'),
      'Signed and otherwise valid, 2049 characters.',
    ),
    lease(
      'size-checked-first',
      `${'x'.repeat(2049)}`,
      fail('TOO_LARGE'),
      'Size comes before the shape check.',
    ),
  ]
}

function signatureVectors(): Vector[] {
  const sig = signatureOf(GOOD)
  const tampered = leaseToken(leaseClaims({ fts: ['export', 'sync', 'view', 'admin'] }))
  const extra = compact(
    JSON.stringify({ alg: 'EdDSA', typ: TYP, kid: 'k-lease-1' }),
    JSON.stringify({ ...CLAIMS, email: 'x' }),
    STATUS_KEY,
  )
  return [
    lease('signature-bit-flip-in-r', withSignature(GOOD, flipBit(sig, 0)), fail('SIGNATURE_INVALID')),
    lease('signature-bit-flip-in-s', withSignature(GOOD, flipBit(sig, 40)), fail('SIGNATURE_INVALID')),
    lease(
      'signature-s-plus-l',
      withSignature(GOOD, addL(sig)),
      fail('SIGNATURE_NON_CANONICAL'),
      'S replaced by S + L: a valid signature under lenient verifiers, refused before any crypto (RFC 8032 §5.1.7).',
    ),
    lease('signature-truncated-63-bytes', withSignature(GOOD, sig.slice(0, 63)), fail('SIGNATURE_INVALID')),
    lease('signature-65-bytes', withSignature(GOOD, Uint8Array.from([...sig, 0])), fail('SIGNATURE_INVALID')),
    lease(
      'signature-by-another-key',
      compact(JSON.stringify({ alg: 'EdDSA', typ: TYP, kid: 'k-lease-1' }), PAYLOAD, STATUS_KEY),
      fail('SIGNATURE_INVALID'),
    ),
    lease('signature-over-other-payload', `${H}.${parts(tampered)[1]}.${S}`, fail('SIGNATURE_INVALID')),
    lease(
      'order-signature-before-claims',
      extra,
      fail('SIGNATURE_INVALID'),
      'Bad signature and an unknown claim: the signature is checked first.',
    ),
  ]
}
