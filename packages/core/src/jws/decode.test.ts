import { describe, expect, it } from 'vitest'
import { encodeBase64url } from '../encoding/base64url.js'
import { utf8Encode } from '../encoding/utf8.js'
import { codeOf } from '../test-support/codes.js'
import { DEVICE, LEASE_KEY, LICENSE_ID, leaseClaims, sign } from '../test-support/factory.js'
import { decodeJws } from './decode.js'
import { MAX_TOKEN_LENGTH } from './token-types.js'

const b64 = (text: string) => encodeBase64url(utf8Encode(text))
const withHeader = (header: string, payload = '{"v":1}') => `${b64(header)}.${b64(payload)}.${'A'.repeat(86)}`

describe('decodeJws', () => {
  it('decodes a valid lease', async () => {
    const token = await sign('lease', LEASE_KEY, 'k-lease-1', leaseClaims())
    const jws = decodeJws(token, 'lease')
    expect(jws).toMatchObject({ kind: 'lease', alg: 'EdDSA', kid: 'k-lease-1' })
    expect(jws.payload.sub).toBe(LICENSE_ID)
    expect(jws.signature.length).toBe(64)
  })

  it.each([
    ['alg none', '{"alg":"none","typ":"tessera-lease+jwt","kid":"k"}', 'ALG_NOT_ALLOWED'],
    ['HS256', '{"alg":"HS256","typ":"tessera-lease+jwt","kid":"k"}', 'ALG_NOT_ALLOWED'],
    ['RS256', '{"alg":"RS256","typ":"tessera-lease+jwt","kid":"k"}', 'ALG_NOT_ALLOWED'],
    [
      'ES256 on a server-signed kind',
      '{"alg":"ES256","typ":"tessera-lease+jwt","kid":"k"}',
      'ALG_NOT_ALLOWED',
    ],
    ['missing typ', '{"alg":"EdDSA","kid":"k"}', 'TYP_MISMATCH'],
    ['status typ as lease', '{"alg":"EdDSA","typ":"tessera-status+jwt","kid":"k"}', 'TYP_MISMATCH'],
    ['plain JWT typ', '{"alg":"EdDSA","typ":"JWT","kid":"k"}', 'TYP_MISMATCH'],
    ['missing kid', '{"alg":"EdDSA","typ":"tessera-lease+jwt"}', 'KID_MISSING'],
    ['empty kid', '{"alg":"EdDSA","typ":"tessera-lease+jwt","kid":""}', 'KID_MISSING'],
    ['jku', '{"alg":"EdDSA","typ":"tessera-lease+jwt","kid":"k","jku":"https://x"}', 'HEADER_FORBIDDEN'],
    ['x5u', '{"alg":"EdDSA","typ":"tessera-lease+jwt","kid":"k","x5u":"https://x"}', 'HEADER_FORBIDDEN'],
    ['jwk', '{"alg":"EdDSA","typ":"tessera-lease+jwt","kid":"k","jwk":{}}', 'HEADER_FORBIDDEN'],
    ['crit', '{"alg":"EdDSA","typ":"tessera-lease+jwt","kid":"k","crit":["exp"]}', 'HEADER_FORBIDDEN'],
    ['unknown member', '{"alg":"EdDSA","typ":"tessera-lease+jwt","kid":"k","foo":1}', 'HEADER_FORBIDDEN'],
    [
      'duplicate alg',
      '{"alg":"EdDSA","alg":"none","typ":"tessera-lease+jwt","kid":"k"}',
      'JSON_DUPLICATE_MEMBER',
    ],
    ['not JSON', 'alg', 'JSON_INVALID'],
    ['array header', '[]', 'JSON_INVALID'],
  ])('refuses a header with %s', (_name, header, expected) => {
    expect(codeOf(() => decodeJws(withHeader(header), 'lease'))).toBe(expected)
  })

  it('accepts ES256 for device proofs only', () => {
    const token = withHeader(`{"alg":"ES256","typ":"tessera-pop+jwt","kid":"${DEVICE.thumbprint}"}`)
    expect(decodeJws(token, 'proof').alg).toBe('ES256')
  })

  it.each([
    ['not a string', 42, 'MALFORMED'],
    ['two parts', 'a.b', 'MALFORMED'],
    ['four parts', 'a.b.c.d', 'MALFORMED'],
    ['empty signature', 'a.b.', 'MALFORMED'],
    ['empty header', '.b.c', 'MALFORMED'],
    [
      'padded header',
      `${b64('{"alg":"EdDSA","typ":"tessera-lease+jwt","kid":"k"}')}=.e30.AAAA`,
      'BASE64URL_INVALID',
    ],
    ['oversized', 'a'.repeat(MAX_TOKEN_LENGTH.lease + 1), 'TOO_LARGE'],
  ])('refuses %s', (_name, token, expected) => {
    expect(codeOf(() => decodeJws(token, 'lease'))).toBe(expected)
  })

  it('refuses a duplicate member in the payload', () => {
    const token = withHeader('{"alg":"EdDSA","typ":"tessera-lease+jwt","kid":"k"}', '{"sub":"a","sub":"b"}')
    expect(codeOf(() => decodeJws(token, 'lease'))).toBe('JSON_DUPLICATE_MEMBER')
  })

  it('refuses a byte-order mark before the header JSON', () => {
    const bom = encodeBase64url(
      Uint8Array.from([
        0xef,
        0xbb,
        0xbf,
        ...utf8Encode('{"alg":"EdDSA","typ":"tessera-lease+jwt","kid":"k"}'),
      ]),
    )
    expect(codeOf(() => decodeJws(`${bom}.${b64('{}')}.${'A'.repeat(86)}`, 'lease'))).toBe('JSON_INVALID')
  })
})
