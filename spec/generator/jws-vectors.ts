// jws.json: the compact-JWS layer (size, shape, base64url, JSON, header, signature), presented as leases.
import { accessClaims, LEASE_KEY, statusClaims } from '../../packages/core/src/test-support/factory.js'
import { fail, ok, SERVER_CONTEXT, statusToken, type Vector, type VectorFile, vector } from './common.js'
import { b64, compact, es256Key, fillerBytes, hmacSigner } from './jws.js'
import { encodingVectors } from './jws-encoding-vectors.js'
import { CLAIMS, GOOD, H, lease, P, PAYLOAD, S, TYP, withHeader } from './jws-fixtures.js'

export function jwsFile(): VectorFile {
  return {
    description:
      'Compact JWS layer: size bound, shape, canonical base64url, strict JSON, header allow-list, alg/typ/kid, ' +
      'Ed25519 signature. Every token is presented as kind "lease" (verifyLease then assertLeaseUsable) unless ' +
      'the vector kind says otherwise.',
    context: SERVER_CONTEXT,
    vectors: [
      lease('valid-baseline', GOOD, ok({ claims: CLAIMS })),
      lease(
        'valid-json-whitespace-around-payload',
        compact(JSON.stringify({ alg: 'EdDSA', typ: TYP, kid: 'k-lease-1' }), ` \n${PAYLOAD}\t `, LEASE_KEY),
        ok({ claims: CLAIMS }),
        'RFC 8259 insignificant whitespace is accepted; the signature covers the exact bytes.',
      ),
      ...shapeVectors(),
      ...algVectors(),
      ...typKidVectors(),
      ...headerVectors(),
      ...encodingVectors(),
    ],
  }
}

function shapeVectors(): Vector[] {
  return [
    lease('malformed-not-a-string', 42, fail('MALFORMED')),
    lease('malformed-two-parts', `${H}.${P}`, fail('MALFORMED')),
    lease('malformed-four-parts', `${GOOD}.${S}`, fail('MALFORMED')),
    lease('malformed-empty-header', `.${P}.${S}`, fail('MALFORMED')),
    lease('malformed-empty-payload', `${H}..${S}`, fail('MALFORMED')),
    lease(
      'malformed-alg-none-empty-signature',
      `${b64(JSON.stringify({ alg: 'none', typ: TYP, kid: 'k-lease-1' }))}.${P}.`,
      fail('MALFORMED'),
      'The classic unsecured JWS: an empty third part fails the shape check before the header is read.',
    ),
  ]
}

function algVectors(): Vector[] {
  const hdr = (alg: unknown) => ({ alg, typ: TYP, kid: 'k-lease-1' })
  const rs256 = `${b64(JSON.stringify(hdr('RS256')))}.${P}.${b64(fillerBytes('rs256-signature', 256))}`
  return [
    lease('alg-none-with-signature', withHeader(hdr('none')), fail('ALG_NOT_ALLOWED')),
    lease(
      'alg-hs256-public-key-as-hmac-secret',
      withHeader(hdr('HS256'), hmacSigner(LEASE_KEY.publicKey)),
      fail('ALG_NOT_ALLOWED'),
      'HMAC-SHA256 over the signing input keyed with the 32 raw bytes of the lease key (k-lease-1).',
    ),
    lease(
      'alg-rs256',
      rs256,
      fail('ALG_NOT_ALLOWED'),
      'Signature: 256 filler bytes; refused before any crypto.',
    ),
    lease(
      'alg-es256-on-server-token',
      withHeader(hdr('ES256'), es256Key('server-p256')),
      fail('ALG_NOT_ALLOWED'),
      'ES256 is allowed only for device-signed kinds (proof, offlineRequest).',
    ),
    lease('alg-lowercase', withHeader(hdr('eddsa')), fail('ALG_NOT_ALLOWED')),
    lease('alg-ed25519-fully-specified', withHeader(hdr('Ed25519')), fail('ALG_NOT_ALLOWED')),
    lease('alg-not-a-string', withHeader(hdr(['EdDSA'])), fail('ALG_NOT_ALLOWED')),
    lease('alg-missing', withHeader({ typ: TYP, kid: 'k-lease-1' }), fail('ALG_NOT_ALLOWED')),
    lease(
      'order-alg-before-typ',
      withHeader({ alg: 'none', typ: 'JWT', kid: 'k-lease-1' }),
      fail('ALG_NOT_ALLOWED'),
      'alg is checked before typ.',
    ),
  ]
}

function typKidVectors(): Vector[] {
  const hdr = (typ: unknown, kid: unknown = 'k-lease-1') => ({ alg: 'EdDSA', typ, kid })
  return [
    lease('typ-status-receipt-as-lease', statusToken('status', statusClaims()), fail('TYP_MISMATCH')),
    lease('typ-access-token-as-lease', accessAsLease(), fail('TYP_MISMATCH')),
    vector({
      name: 'typ-lease-as-status-receipt',
      kind: 'status',
      token: GOOD,
      expect: fail('TYP_MISMATCH'),
    }),
    lease('typ-generic-jwt', withHeader(hdr('JWT')), fail('TYP_MISMATCH')),
    lease('typ-wrong-case', withHeader(hdr('Tessera-Lease+JWT')), fail('TYP_MISMATCH')),
    lease('typ-missing', withHeader({ alg: 'EdDSA', kid: 'k-lease-1' }), fail('TYP_MISMATCH')),
    lease('kid-missing', withHeader({ alg: 'EdDSA', typ: TYP }), fail('KID_MISSING')),
    lease('kid-empty', withHeader(hdr(TYP, '')), fail('KID_MISSING')),
    lease('kid-not-a-string', withHeader(hdr(TYP, 1)), fail('KID_MISSING')),
    lease('kid-129-characters', withHeader(hdr(TYP, 'k'.repeat(129))), fail('KID_MISSING')),
    lease(
      'kid-128-characters-passes-header-check',
      withHeader(hdr(TYP, 'k'.repeat(128))),
      fail('KEY_UNKNOWN'),
      'A 128-character kid is well-formed; it is then not found in the key set.',
    ),
  ]
}

function accessAsLease(): string {
  return compact(
    JSON.stringify({ alg: 'EdDSA', typ: 'tessera-access+jwt', kid: 'k-lease-1' }),
    JSON.stringify(accessClaims()),
    LEASE_KEY,
  )
}

function headerVectors(): Vector[] {
  const base = { alg: 'EdDSA', typ: TYP, kid: 'k-lease-1' }
  const forbidden: [string, unknown][] = [
    ['jku', 'https://attacker.example/jwks.json'],
    ['x5u', 'https://attacker.example/cert.pem'],
    ['jwk', { kty: 'OKP', crv: 'Ed25519', x: LEASE_KEY.jwk.x }],
    ['x5c', ['MIIB']],
    ['x5t', 'AAAA'],
    ['x5t#S256', 'AAAA'],
    ['crit', ['exp']],
    ['b64', false],
    ['zip', 'DEF'],
    ['cty', 'JWT'],
    ['nonce', 'n-1'],
  ]
  return [
    ...forbidden.map(([name, value]) =>
      lease(
        `header-${name.replace('#', '-')}`,
        withHeader({ ...base, [name]: value }),
        fail('HEADER_FORBIDDEN'),
      ),
    ),
    lease(
      'order-header-members-before-alg',
      withHeader({ alg: 'none', typ: TYP, kid: 'k-lease-1', jku: 'https://attacker.example/' }),
      fail('HEADER_FORBIDDEN'),
      'Header member names are checked before alg.',
    ),
  ]
}
