import { p256 } from '@noble/curves/nist.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nodeCrypto as crypto } from '../../../crypto-node/src/index.js'
import { verifyOfflineRequest } from '../device/offline-request.js'
import { verifyOfflineResponse } from '../device/offline-response.js'
import { verifyDeviceProof } from '../device/proof.js'
import { encodeBase64url } from '../encoding/base64url.js'
import { type EcPublicJwk, jwkThumbprint } from '../encoding/jwk.js'
import { asciiBytes, utf8Encode } from '../encoding/utf8.js'
import { TOKEN_TYPES } from '../jws/token-types.js'
import { verifyKeyset } from '../keyset/verify-keyset.js'
import { applyRevocationList } from '../revocation/revocation-list.js'
import { codeOf } from '../test-support/codes.js'
import {
  accessClaims,
  COMPONENTS,
  DAY,
  DEVICE,
  ISSUER,
  keysetClaims,
  LEASE_ID,
  LEASE_KEY,
  LICENSE_ID,
  leaseClaims,
  makeBundleNow,
  PRODUCT,
  ROOT,
  STATUS_KEY,
  signNow,
  statusClaims,
  T0,
  TRUST,
  testKey,
} from '../test-support/factory.js'
import { verifyAccessToken } from './access-token.js'
import { verifyLease } from './lease.js'
import { verifyPolicyDocument } from './policy-document.js'
import { verifyDeactivationReceipt, verifyStatusReceipt, verifyTimeReceipt } from './receipts.js'

// One valid token of every signed kind, with the verifier that must refuse it once altered.
const KEYSET = signNow('keyset', ROOT, ROOT.thumbprint, keysetClaims())
const keyset = verifyKeyset([], KEYSET, TRUST, crypto)
const ROOT2 = testKey('root-2')
const LINK = signNow('root', ROOT, ROOT.thumbprint, { v: 1, iss: ISSUER, ver: 2, iat: T0, key: ROOT2.jwk })
const KEYSET2 = signNow('keyset', ROOT2, ROOT2.thumbprint, keysetClaims())
const byStatusKey = (kind: 'time' | 'deactivation' | 'revocations' | 'offlineResponse', claims: object) =>
  signNow(kind, STATUS_KEY, 'k-status-1', claims)
const list = (seq: number, frm: number) =>
  byStatusKey('revocations', {
    v: 1,
    iss: ISSUER,
    aud: PRODUCT,
    seq,
    frm,
    iat: T0,
    exp: T0 + DAY,
    ent: [{ k: 'device', id: 'dev_other', at: T0, rsn: 'stolen' }],
  })
const POLICY = signNow('policy', LEASE_KEY, 'k-lease-1', {
  v: 1,
  iss: ISSUER,
  pid: 'pol_01',
  ver: 1,
  iat: T0,
  prm: {
    offlineWindow: 7 * DAY,
    renewAfter: 3 * DAY,
    grace: 3 * DAY,
    fallback: 'limited',
    accessTokenTtl: 3600,
    maxDevices: 0,
    fingerprintMatch: 3,
    transfers: { max: 3, cooldown: DAY },
    checkIn: 3600,
  },
})
const BODY_HASH = encodeBase64url(crypto.sha256(utf8Encode('{"x":1}')))
const PROOF_CLAIMS = { v: 1, htm: 'POST', htu: '/v1/renew', iat: T0, jti: 'p1', bdh: BODY_HASH }
const PROOF_CHECK = { method: 'POST', path: '/v1/renew', bodyHash: BODY_HASH, now: T0 + 10 }
const EC_SECRET = crypto.sha256(utf8Encode('tessera-test-key:device-p256'))
const EC_PUBLIC = p256.getPublicKey(EC_SECRET, false)
const EC_JWK: EcPublicJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: encodeBase64url(EC_PUBLIC.slice(1, 33)),
  y: encodeBase64url(EC_PUBLIC.slice(33)),
}
const REQUEST = signNow('offlineRequest', DEVICE, DEVICE.thumbprint, {
  v: 1,
  aud: PRODUCT,
  kind: 'activate',
  iat: T0,
  jti: 'req_1',
  lkh: 'x'.repeat(43),
  jwk: DEVICE.jwk,
  hwf: COMPONENTS,
})
const RESPONSE = byStatusKey('offlineResponse', {
  v: 1,
  iss: ISSUER,
  aud: DEVICE.thumbprint,
  req: 'req_1',
  iat: T0,
  jti: 'rsp_1',
  bnd: makeBundleNow(),
})

/** An ES256 device proof (low S, as signers normalise it). */
function es256Proof(): string {
  const header = { alg: 'ES256', typ: TOKEN_TYPES.proof, kid: jwkThumbprint(EC_JWK, crypto) }
  const part = (value: object) => encodeBase64url(utf8Encode(JSON.stringify(value)))
  const input = `${part(header)}.${part(PROOF_CLAIMS)}`
  return `${input}.${encodeBase64url(p256.sign(asciiBytes(input), EC_SECRET, { lowS: true }))}`
}

const CASES: [string, string, (token: string) => unknown][] = [
  ['key set', KEYSET, (t) => verifyKeyset([], t, TRUST, crypto)],
  ['root rotation link', LINK, (t) => verifyKeyset([t], KEYSET2, TRUST, crypto)],
  ['lease', signNow('lease', LEASE_KEY, 'k-lease-1', leaseClaims()), (t) => verifyLease(t, keyset, crypto)],
  [
    'access token',
    signNow('access', LEASE_KEY, 'k-lease-1', accessClaims()),
    (t) =>
      verifyAccessToken(
        t,
        keyset,
        { audience: 'demo-services', now: T0 + 60, deviceId: DEVICE.thumbprint },
        crypto,
      ),
  ],
  [
    'status receipt',
    signNow('status', STATUS_KEY, 'k-status-1', statusClaims()),
    (t) => verifyStatusReceipt(t, keyset, PRODUCT, crypto),
  ],
  [
    'time receipt',
    byStatusKey('time', { v: 1, iss: ISSUER, iat: T0, jti: 'tim_1', non: 'nonce-1' }),
    (t) => verifyTimeReceipt(t, keyset, crypto),
  ],
  [
    'deactivation receipt',
    byStatusKey('deactivation', {
      v: 1,
      iss: ISSUER,
      aud: PRODUCT,
      sub: LICENSE_ID,
      dev: DEVICE.thumbprint,
      lea: LEASE_ID,
      iat: T0,
      jti: 'dea_1',
    }),
    (t) => verifyDeactivationReceipt(t, keyset, DEVICE.thumbprint, crypto),
  ],
  ['revocation list', list(2, 0), (t) => applyRevocationList(null, t, keyset, PRODUCT, crypto)],
  [
    'revocation delta',
    list(3, 2),
    (t) => applyRevocationList({ product: PRODUCT, seq: 2, entries: [] }, t, keyset, PRODUCT, crypto),
  ],
  ['policy document', POLICY, (t) => verifyPolicyDocument(t, keyset, crypto)],
  [
    'device proof (EdDSA)',
    signNow('proof', DEVICE, DEVICE.thumbprint, PROOF_CLAIMS),
    (t) => verifyDeviceProof(t, DEVICE.jwk, PROOF_CHECK, crypto),
  ],
  ['device proof (ES256)', es256Proof(), (t) => verifyDeviceProof(t, EC_JWK, PROOF_CHECK, crypto)],
  ['offline request', REQUEST, (t) => verifyOfflineRequest(t, crypto)],
  [
    'offline response',
    RESPONSE,
    (t) => verifyOfflineResponse(t, TRUST, { deviceId: DEVICE.thumbprint, requestId: 'req_1' }, crypto),
  ],
]

describe('any single-byte change anywhere in a signed token is rejected with a coded error', () => {
  it.each(CASES)('%s', (_name, token, verify) => {
    expect(codeOf(() => verify(token))).toBe('ok')
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (pos, delta) => {
        const i = pos % token.length
        const changed = String.fromCharCode((token.charCodeAt(i) + delta) % 256)
        const code = codeOf(() => verify(token.slice(0, i) + changed + token.slice(i + 1)))
        expect(code).not.toBe('ok')
        expect(code, 'not a TesseraError').not.toBe('other')
      }),
      { numRuns: 150 },
    )
  })
})
