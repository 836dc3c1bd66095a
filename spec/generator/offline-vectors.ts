// offline.json: air-gapped activation/renewal request files and the operator's signed responses.
import { formatLicenseKey, licenseKeyHash } from '../../packages/core/src/index.js'
import { nobleCrypto } from '../../packages/core/src/noble.js'
import {
  COMPONENTS,
  DEVICE,
  LEASE_KEY,
  STATUS_KEY,
  testKey,
} from '../../packages/core/src/test-support/factory.js'
import { BUNDLE, bundle } from './bundle-fixture.js'
import { fail, ISSUER, ok, PRODUCT, T0, TRUST_CONTEXT, type VectorFile, vector } from './common.js'
import { OTHER_DEVICE, P256_DEVICE } from './device-vectors.js'
import { b64, fillerBytes, hmacSigner, type Signer, token } from './jws.js'

type ErrorCode = Parameters<typeof fail>[0]

const REQUEST = {
  v: 1,
  aud: PRODUCT,
  kind: 'activate',
  iat: T0,
  jti: 'req_01',
  lkh: licenseKeyHash(formatLicenseKey(fillerBytes('license-key', 16)), nobleCrypto),
  jwk: DEVICE.jwk,
  hwf: COMPONENTS,
  app: '1.4.0',
}

function request(
  name: string,
  over: object,
  expect: ErrorCode | 'ok',
  signer: Signer = DEVICE,
  kid?: string,
  alg?: string,
) {
  const claims: Record<string, unknown> = { ...REQUEST, ...over }
  const jwk = claims.jwk as { kty: string }
  const deviceKey = jwk === P256_DEVICE.jwk ? P256_DEVICE : DEVICE
  const tok = token(
    'offlineRequest',
    signer,
    kid ?? deviceKey.thumbprint,
    claims,
    alg ?? (jwk.kty === 'EC' ? 'ES256' : 'EdDSA'),
  )
  return vector({
    name,
    kind: 'offlineRequest',
    token: tok,
    expect:
      expect === 'ok' ? ok({ claims, deviceKey: claims.jwk, deviceId: deviceKey.thumbprint }) : fail(expect),
  })
}

const RESPONSE = {
  v: 1,
  iss: ISSUER,
  aud: DEVICE.thumbprint,
  req: 'req_01',
  iat: T0,
  jti: 'rsp_01',
  bnd: BUNDLE,
}

/** 16 links of 2,700 characters: with the bundle's tokens, more than the bundle bound. */
const OVERSIZED_CHAIN = Array.from({ length: 16 }, (_, i) => b64(fillerBytes(`oversized-link-${i}`, 2025)))

function response(name: string, over: object, expect: ErrorCode | 'ok', context?: object, key = STATUS_KEY) {
  const claims = { ...RESPONSE, ...over }
  return vector({
    name,
    kind: 'offlineResponse',
    ...(context ? { context: context as Record<string, unknown> } : {}),
    token: token('offlineResponse', key, key === STATUS_KEY ? 'k-status-1' : 'k-lease-1', claims),
    expect: expect === 'ok' ? ok({ claims, bundle: claims.bnd }) : fail(expect),
  })
}

export function offlineFile(): VectorFile {
  const { keyset: _unused, ...trust } = TRUST_CONTEXT
  return {
    description:
      'Air-gapped files. offlineRequest: verifyOfflineRequest(token) (self-signed by the key it carries). ' +
      'offlineResponse: verifyOfflineResponse(token, trust, { deviceId, requestId }); its key set comes from ' +
      'the bundle inside the response, verified against context.roots.',
    context: { ...trust, deviceId: DEVICE.thumbprint, requestId: 'req_01' },
    vectors: [
      request('request-valid-ed25519', {}, 'ok'),
      request('request-valid-es256-renew', { kind: 'renew', jwk: P256_DEVICE.jwk }, 'ok', P256_DEVICE),
      request('request-kid-not-thumbprint', {}, 'KEY_UNKNOWN', DEVICE, OTHER_DEVICE.thumbprint),
      request('request-signed-by-another-key', {}, 'SIGNATURE_INVALID', OTHER_DEVICE),
      request('request-private-key-in-jwk', { jwk: { ...DEVICE.jwk, d: b64(DEVICE.secret) } }, 'KEY_INVALID'),
      request('request-unsupported-key-type', { jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, 'KEY_INVALID'),
      request('request-unknown-kind', { kind: 'transfer' }, 'CLAIMS_INVALID'),
      request('request-es256-header-for-ed25519-key', {}, 'ALG_NOT_ALLOWED', P256_DEVICE, undefined, 'ES256'),
      request('request-hs256', {}, 'ALG_NOT_ALLOWED', hmacSigner(DEVICE.publicKey), undefined, 'HS256'),
      request('request-valid-one-component', { hwf: COMPONENTS.slice(0, 1) }, 'ok'),
      request(
        'request-17-fingerprint-components',
        { hwf: Array.from({ length: 17 }, (_, i) => COMPONENTS[i % COMPONENTS.length]) },
        'CLAIMS_INVALID',
      ),
      request('request-no-fingerprint-component', { hwf: [] }, 'CLAIMS_INVALID'),
      request(
        'request-component-not-a-6-character-hash',
        { hwf: [...COMPONENTS.slice(0, 5), 'c-machine'] },
        'CLAIMS_INVALID',
      ),
      response('response-valid', {}, 'ok'),
      response('response-for-another-device', {}, 'WRONG_AUDIENCE', { deviceId: OTHER_DEVICE.thumbprint }),
      response('response-for-another-request', {}, 'WRONG_AUDIENCE', { requestId: 'req_02' }),
      response('response-signed-by-lease-key', {}, 'KEY_WRONG_PURPOSE', undefined, LEASE_KEY),
      response('response-bundle-unknown-member', { bnd: { ...BUNDLE, extra: 'x' } }, 'BUNDLE_INVALID'),
      vector({
        ...response('response-bundle-oversized', { bnd: { ...BUNDLE, chain: OVERSIZED_CHAIN } }, 'TOO_LARGE'),
        description:
          'The bundle JSON exceeds MAX_BUNDLE_LENGTH (43,008 characters): refused before any token is decoded.',
      }),
      response(
        'response-bundle-keyset-unknown-root',
        { bnd: bundle({ root: testKey('stranger') }) },
        'ROOT_UNKNOWN',
      ),
      response('response-keyset-rollback', {}, 'KEYSET_ROLLBACK', { keysetVersion: 2 }),
    ],
  }
}
