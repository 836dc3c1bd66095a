// device.json: device proofs of possession (verifyDeviceProof), Ed25519 and ES256 device keys.
import { sha256 } from '@noble/hashes/sha2.js'
import type { ProofClaims } from '../../packages/core/src/index.js'
import { utf8Encode } from '../../packages/core/src/index.js'
import { DEVICE, testKey } from '../../packages/core/src/test-support/factory.js'
import { fail, ok, T0, type VectorFile, vector } from './common.js'
import { b64, compact, es256Key, hmacSigner, type Signer, token } from './jws.js'

export const P256_DEVICE = es256Key('device-p256-1')
export const OTHER_DEVICE = testKey('device-2')
export const BODY_HASH = b64(sha256(utf8Encode('{"lease":"lea_01"}')))
const NOW = T0 + 3600

type ErrorCode = Parameters<typeof fail>[0]

const PROOF: ProofClaims = { v: 1, htm: 'POST', htu: '/v1/renew', iat: NOW, jti: 'pop_01', bdh: BODY_HASH }

interface Case {
  name: string
  over?: object
  expect: ErrorCode | 'ok'
  context?: object
  signer?: Signer
  kid?: string
  alg?: string
  description?: string
}

function proof(c: Case) {
  const claims = { ...PROOF, ...c.over }
  const signer = c.signer ?? DEVICE
  const kid = c.kid ?? (signer === P256_DEVICE ? P256_DEVICE.thumbprint : DEVICE.thumbprint)
  const alg = c.alg ?? (signer === P256_DEVICE ? 'ES256' : 'EdDSA')
  return vector({
    name: c.name,
    kind: 'proof',
    ...(c.description ? { description: c.description } : {}),
    ...(c.context ? { context: c.context as Record<string, unknown> } : {}),
    token: token('proof', signer, kid, claims, alg),
    expect: c.expect === 'ok' ? ok({ claims }) : fail(c.expect),
  })
}

export function deviceFile(): VectorFile {
  const p256 = { deviceKey: P256_DEVICE.jwk }
  return {
    description:
      'Device proofs of possession: verifyDeviceProof(token, context.deviceKey, { method, path, bodyHash, now, ' +
      'maxSkew, nonce }). A null maxSkew or nonce is omitted from the check (default skew 300 s).',
    context: {
      deviceKey: DEVICE.jwk,
      method: 'POST',
      path: '/v1/renew',
      bodyHash: BODY_HASH,
      now: NOW,
      maxSkew: null,
      nonce: null,
    },
    vectors: [
      { name: 'proof-valid-ed25519', expect: 'ok' },
      { name: 'proof-valid-es256', expect: 'ok', signer: P256_DEVICE, context: p256 },
      {
        name: 'proof-valid-with-nonce',
        over: { non: 'srv-n-1' },
        expect: 'ok',
        context: { nonce: 'srv-n-1' },
      },
      { name: 'proof-missing-nonce', expect: 'WRONG_AUDIENCE', context: { nonce: 'srv-n-1' } },
      {
        name: 'proof-wrong-nonce',
        over: { non: 'srv-n-0' },
        expect: 'WRONG_AUDIENCE',
        context: { nonce: 'srv-n-1' },
      },
      { name: 'proof-wrong-method', over: { htm: 'GET' }, expect: 'WRONG_AUDIENCE' },
      { name: 'proof-wrong-path', over: { htu: '/v1/deactivate' }, expect: 'WRONG_AUDIENCE' },
      {
        name: 'proof-wrong-body-hash',
        over: { bdh: b64(sha256(utf8Encode('{}'))) },
        expect: 'WRONG_AUDIENCE',
      },
      { name: 'proof-oldest-accepted', over: { iat: NOW - 300 }, expect: 'ok' },
      {
        name: 'proof-replayed-too-old',
        over: { iat: NOW - 301 },
        expect: 'EXPIRED',
        description: 'A captured proof replayed after the skew window.',
      },
      { name: 'proof-newest-accepted', over: { iat: NOW + 300 }, expect: 'ok' },
      { name: 'proof-from-the-future', over: { iat: NOW + 301 }, expect: 'NOT_YET_VALID' },
      { name: 'proof-custom-skew', over: { iat: NOW - 61 }, expect: 'EXPIRED', context: { maxSkew: 60 } },
      {
        name: 'order-request-binding-before-time',
        over: { htm: 'GET', iat: NOW - 9999 },
        expect: 'WRONG_AUDIENCE',
      },
      { name: 'proof-kid-not-the-device', kid: OTHER_DEVICE.thumbprint, expect: 'KEY_UNKNOWN' },
      {
        name: 'proof-signed-by-another-key',
        signer: OTHER_DEVICE,
        kid: DEVICE.thumbprint,
        expect: 'SIGNATURE_INVALID',
      },
      {
        name: 'proof-es256-header-for-ed25519-device',
        signer: P256_DEVICE,
        kid: DEVICE.thumbprint,
        expect: 'ALG_NOT_ALLOWED',
        description: 'The verification algorithm comes from the registered key; the header must agree.',
      },
      {
        name: 'proof-eddsa-header-for-p256-device',
        kid: P256_DEVICE.thumbprint,
        expect: 'ALG_NOT_ALLOWED',
        context: p256,
      },
      { name: 'proof-hs256', signer: hmacSigner(DEVICE.publicKey), alg: 'HS256', expect: 'ALG_NOT_ALLOWED' },
      { name: 'proof-unknown-claim', over: { aud: 'x' }, expect: 'CLAIMS_INVALID' },
    ]
      .map((c) => proof(c as Case))
      .concat(
        vector({
          name: 'proof-lease-typ',
          kind: 'proof',
          token: compact(
            JSON.stringify({ alg: 'EdDSA', typ: 'tessera-lease+jwt', kid: DEVICE.thumbprint }),
            JSON.stringify(PROOF),
            DEVICE,
          ),
          expect: fail('TYP_MISMATCH'),
        }),
      ),
  }
}
