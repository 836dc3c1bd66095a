// receipts.json (status, time, deactivation) and policy.json: the other server-signed documents.
import type { PolicyClaims, TokenKind } from '../../packages/core/src/index.js'
import { DEVICE, LEASE_KEY, STATUS_KEY, statusClaims } from '../../packages/core/src/test-support/factory.js'
import { DAY, fail, ISSUER, ok, PRODUCT, SERVER_CONTEXT, T0, type VectorFile, vector } from './common.js'
import { type Signer, token } from './jws.js'

type ErrorCode = Parameters<typeof fail>[0]

interface Case {
  name: string
  claims: object
  expect: ErrorCode | 'ok'
  context?: object
  key?: 'lease' | 'status'
}

function make(kind: TokenKind, c: Case) {
  const [signer, kid]: [Signer, string] =
    c.key === 'lease' ? [LEASE_KEY, 'k-lease-1'] : [STATUS_KEY, 'k-status-1']
  return vector({
    name: c.name,
    kind: kind as 'status',
    ...(c.context ? { context: c.context as Record<string, unknown> } : {}),
    token: token(kind, signer, kid, c.claims),
    expect: c.expect === 'ok' ? ok({ claims: c.claims }) : fail(c.expect),
  })
}

export function receiptsFile(): VectorFile {
  const s = (over: object) => ({ ...statusClaims(), ...over })
  const time = { v: 1, iss: ISSUER, iat: T0, jti: 'tim_01' }
  const deact = {
    v: 1,
    iss: ISSUER,
    aud: PRODUCT,
    sub: 'lic_01',
    dev: DEVICE.thumbprint,
    lea: 'lea_01',
    iat: T0,
    jti: 'dea_01',
  }
  const rvk = { k: 'license', at: T0 - 60, rsn: 'refund' }
  return {
    description:
      'Status receipts (verifyStatusReceipt with context.product), time receipts (verifyTimeReceipt) and ' +
      'deactivation receipts (verifyDeactivationReceipt with context.deviceId). All need a `status` or `time` key.',
    context: SERVER_CONTEXT,
    vectors: [
      ...[
        { name: 'status-valid-good', claims: s({}), expect: 'ok' },
        { name: 'status-valid-with-nonce', claims: s({ non: 'n-123' }), expect: 'ok' },
        { name: 'status-valid-revoked', claims: s({ sts: 'revoked', rvk }), expect: 'ok' },
        { name: 'status-revoked-without-rvk', claims: s({ sts: 'revoked' }), expect: 'CLAIMS_INVALID' },
        { name: 'status-good-with-rvk', claims: s({ rvk }), expect: 'CLAIMS_INVALID' },
        { name: 'status-unknown-state', claims: s({ sts: 'suspended' }), expect: 'CLAIMS_INVALID' },
        { name: 'status-wrong-product', claims: s({ aud: 'other-product' }), expect: 'WRONG_PRODUCT' },
        { name: 'status-signed-by-lease-key', claims: s({}), expect: 'KEY_WRONG_PURPOSE', key: 'lease' },
        {
          name: 'status-key-outside-window',
          claims: s({ iat: T0 + 401 * DAY }),
          expect: 'KEY_OUTSIDE_WINDOW',
        },
      ].map((c) => make('status', c as Case)),
      ...[
        { name: 'time-valid', claims: time, expect: 'ok' },
        { name: 'time-valid-with-nonce', claims: { ...time, non: 'n-123' }, expect: 'ok' },
        { name: 'time-signed-by-lease-key', claims: time, expect: 'KEY_WRONG_PURPOSE', key: 'lease' },
        { name: 'time-unknown-claim', claims: { ...time, aud: PRODUCT }, expect: 'CLAIMS_INVALID' },
        {
          name: 'time-key-outside-window',
          claims: { ...time, iat: T0 - 2 * DAY },
          expect: 'KEY_OUTSIDE_WINDOW',
        },
      ].map((c) => make('time', c as Case)),
      ...[
        { name: 'deactivation-valid', claims: deact, expect: 'ok' },
        {
          name: 'deactivation-for-another-device',
          claims: deact,
          expect: 'WRONG_AUDIENCE',
          context: { deviceId: 'another-device-thumbprint' },
        },
        {
          name: 'deactivation-signed-by-lease-key',
          claims: deact,
          expect: 'KEY_WRONG_PURPOSE',
          key: 'lease',
        },
        {
          name: 'deactivation-dev-44-chars',
          claims: { ...deact, dev: 'd'.repeat(44) },
          expect: 'CLAIMS_INVALID',
        },
      ].map((c) => make('deactivation', c as Case)),
    ],
  }
}

export const POLICY: PolicyClaims = {
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
    transfers: { max: 2, cooldown: 30 * DAY },
    checkIn: 6 * 3600,
  },
}

export function policyFile(): VectorFile {
  const p = (over: object) => ({ ...POLICY, prm: { ...POLICY.prm, ...over } })
  return {
    description:
      'Signed policy versions: verifyPolicyDocument (a `lease` key, schema, renewAfter < offlineWindow).',
    context: SERVER_CONTEXT,
    vectors: [
      { name: 'policy-valid', claims: POLICY, expect: 'ok' },
      { name: 'policy-deny-fallback', claims: p({ fallback: 'deny', grace: 0 }), expect: 'ok' },
      {
        name: 'policy-renew-after-equals-window',
        claims: p({ renewAfter: 7 * DAY }),
        expect: 'CLAIMS_INVALID',
      },
      {
        name: 'policy-window-below-60s',
        claims: p({ offlineWindow: 59, renewAfter: 0 }),
        expect: 'CLAIMS_INVALID',
      },
      { name: 'policy-unknown-parameter', claims: p({ seats: 5 }), expect: 'CLAIMS_INVALID' },
      { name: 'policy-signed-by-status-key', claims: POLICY, expect: 'KEY_WRONG_PURPOSE', key: 'status' },
    ].map((c) => make('policy', { key: 'lease', ...c } as Case)),
  }
}
