// lease.json and access.json: authorization and authentication tokens signed by a `lease` key.
import type { LeaseClaims } from '../../packages/core/src/index.js'
import {
  accessClaims,
  COMPONENTS,
  LEASE_KEY,
  leaseClaims,
  STATUS_KEY,
  testKey,
} from '../../packages/core/src/test-support/factory.js'
import {
  DAY,
  fail,
  leaseToken,
  ok,
  SERVER_CONTEXT,
  T0,
  type Vector,
  type VectorFile,
  vector,
} from './common.js'
import { compact, headerJson, token } from './jws.js'

type ErrorCode = Parameters<typeof fail>[0]

const lease = (
  name: string,
  over: Partial<LeaseClaims>,
  expect: ErrorCode | 'ok',
  context?: object,
  desc?: string,
) => {
  const claims = leaseClaims(over)
  return vector({
    name,
    kind: 'lease',
    ...(desc ? { description: desc } : {}),
    ...(context ? { context: context as Record<string, unknown> } : {}),
    token: leaseToken(claims),
    expect: expect === 'ok' ? ok({ claims }) : fail(expect),
  })
}

const at = (now: number) => ({ now })
const PACKED = COMPONENTS.join('')
const ONE = COMPONENTS[0]!
const OTHER_ISSUER_KEY = testKey('another-issuer-lease')
const later = (days: number) => ({
  iat: T0 + days * DAY,
  nbf: T0 + days * DAY,
  ren: T0 + (days + 3) * DAY,
  exp: T0 + (days + 7) * DAY,
  grc: T0 + (days + 10) * DAY,
})

export function leaseFile(): VectorFile {
  const grc = leaseClaims().grc
  const nbf = leaseClaims().iat
  return {
    description:
      'Leases: verifyLease (key — the issuer is the key set holding the kid —, signature, schema, key window, ' +
      'timeline and fingerprint coherence) then ' +
      'assertLeaseUsable(claims, context.product, context.now, context.tolerance).',
    context: SERVER_CONTEXT,
    vectors: [
      lease('valid-lease', {}, 'ok'),
      lease('valid-with-vmx-and-limits', { vmx: '2.0.0', lim: { seats: 5 } }, 'ok'),
      lease('valid-last-second-of-grace', {}, 'ok', at(grc - 1)),
      lease(
        'expired-at-grace-end',
        {},
        'EXPIRED',
        at(grc),
        'Usable until grc, exclusive; no tolerance on grc.',
      ),
      lease(
        'valid-before-nbf-within-tolerance',
        {},
        'ok',
        at(nbf - 120),
        'Without nbf a lease starts at iat.',
      ),
      lease('valid-explicit-nbf', { nbf: T0 + 60 }, 'ok', at(T0 + 60)),
      lease('not-yet-valid', {}, 'NOT_YET_VALID', at(nbf - 121)),
      lease('wrong-product', {}, 'WRONG_PRODUCT', { product: 'other-product' }),
      lease('valid-iat-300s-after-nbf', { iat: T0 + 300, nbf: T0 }, 'ok'),
      lease('timeline-iat-more-than-300s-after-nbf', { iat: T0 + 301, nbf: T0 }, 'CLAIMS_INVALID'),
      lease('timeline-ren-after-exp', { ren: T0 + 8 * DAY }, 'CLAIMS_INVALID'),
      lease('timeline-ren-before-nbf', { ren: T0 - 1 }, 'CLAIMS_INVALID'),
      lease('timeline-exp-after-grc', { grc: T0 + 6 * DAY }, 'CLAIMS_INVALID'),
      lease('valid-fingerprint-k-equals-n', { hwf: { k: 6, c: PACKED } }, 'ok'),
      lease('valid-fingerprint-one-component', { hwf: { k: 1, c: ONE } }, 'ok'),
      lease('fingerprint-k-zero', { hwf: { k: 0, c: ONE } }, 'CLAIMS_INVALID'),
      lease('fingerprint-k-above-n', { hwf: { k: 2, c: ONE } }, 'CLAIMS_INVALID'),
      lease('fingerprint-length-not-a-multiple-of-6', { hwf: { k: 1, c: `${PACKED}AAA` } }, 'CLAIMS_INVALID'),
      lease(
        'fingerprint-trailing-bits-not-zero',
        { hwf: { k: 1, c: 'AAAAAB' } },
        'CLAIMS_INVALID',
        undefined,
        'A component is 4 bytes: its 6th character must have its low 4 bits zero (A, Q, g or w).',
      ),
      lease('fingerprint-character-outside-base64url', { hwf: { k: 1, c: 'AAAA+A' } }, 'CLAIMS_INVALID'),
      lease('fingerprint-17-components', { hwf: { k: 3, c: 'AAAAAA'.repeat(17) } }, 'CLAIMS_INVALID'),
      lease(
        'fingerprint-as-a-list',
        { hwf: { k: 3, c: COMPONENTS } } as unknown as Partial<LeaseClaims>,
        'CLAIMS_INVALID',
        undefined,
        'hwf.c is one string: the component hashes concatenated.',
      ),
      lease('valid-deny-fallback', { fbk: 'deny' }, 'ok'),
      lease(
        'claims-explicit-limited-fallback',
        { fbk: 'limited' } as unknown as Partial<LeaseClaims>,
        'CLAIMS_INVALID',
        undefined,
        'An absent fbk means limited; "deny" is its only written value, so each lease has one encoding.',
      ),
      lease('claims-unknown-member', { email: 'x' } as object, 'CLAIMS_INVALID'),
      lease(
        'claims-version-member',
        { v: 1 } as object,
        'CLAIMS_INVALID',
        undefined,
        'The lease format version is its typ, not a v claim.',
      ),
      lease(
        'claims-issuer-member',
        { iss: 'tessera-test' } as object,
        'CLAIMS_INVALID',
        undefined,
        "A lease's issuer is the key set holding its kid, not an iss claim.",
      ),
      lease('claims-policy-member', { pol: 'pol_Kq3vT8mWzR1x/1' } as object, 'CLAIMS_INVALID'),
      lease('claims-missing-cnf', { cnf: undefined } as object, 'CLAIMS_INVALID'),
      lease('claims-unknown-fallback', { fbk: 'allow' as 'deny' }, 'CLAIMS_INVALID'),
      lease('claims-edition-65-chars', { edn: 'e'.repeat(65) }, 'CLAIMS_INVALID'),
      lease('claims-empty-string', { sub: '' }, 'CLAIMS_INVALID'),
      lease('claims-negative-int', { ofw: -1 }, 'CLAIMS_INVALID'),
      lease('claims-fractional-int', { ofw: 604800.5 }, 'CLAIMS_INVALID'),
      exponentIat(),
      vector({
        name: 'key-unknown',
        kind: 'lease',
        token: leaseToken(leaseClaims(), 'k-lease-9'),
        expect: fail('KEY_UNKNOWN'),
      }),
      vector({
        name: 'wrong-issuer',
        kind: 'lease',
        description:
          "Signed by another issuer's lease key: its kid is not in this key set (the issuer check of a lease).",
        token: leaseToken(leaseClaims(), 'k-other-1', OTHER_ISSUER_KEY),
        expect: fail('KEY_UNKNOWN'),
      }),
      vector({
        name: 'wrong-issuer-same-kid',
        kind: 'lease',
        description: 'Another issuer whose lease key has the same kid: the signature does not verify.',
        token: leaseToken(leaseClaims(), 'k-lease-1', OTHER_ISSUER_KEY),
        expect: fail('SIGNATURE_INVALID'),
      }),
      vector({
        name: 'key-wrong-purpose',
        kind: 'lease',
        description: 'Signed by the status key, which is listed for status and time only.',
        token: leaseToken(leaseClaims(), 'k-status-1', STATUS_KEY),
        expect: fail('KEY_WRONG_PURPOSE'),
      }),
      lease(
        'key-outside-window-before',
        later(-2),
        'KEY_OUTSIDE_WINDOW',
        undefined,
        'iat before the key nbf.',
      ),
      lease(
        'key-outside-window-after',
        later(401),
        'KEY_OUTSIDE_WINDOW',
        undefined,
        'iat after the key exp; reported before any time check on the lease itself.',
      ),
    ],
  }
}

/** `"iat":1.7672256e9` is the integer T0 written with an exponent: JSON numbers are compared by value. */
function exponentIat(): Vector {
  const claims = leaseClaims()
  const payload = JSON.stringify(claims).replace(`"iat":${T0}`, '"iat":1.7672256e9')
  if (!payload.includes('e9')) throw new Error('iat not found')
  return vector({
    name: 'valid-integer-written-with-exponent',
    kind: 'lease',
    description: 'An integer claim is any JSON number whose value is a safe integer, however it is written.',
    token: compact(headerJson('lease', 'k-lease-1'), payload, LEASE_KEY),
    expect: ok({ claims }),
  })
}

export function accessFile(): VectorFile {
  const c = accessClaims()
  const acc = (name: string, over: object, expect: ErrorCode | 'ok', context?: object, key = LEASE_KEY) => {
    const claims = { ...c, ...over }
    const kid = key === LEASE_KEY ? 'k-lease-1' : 'k-status-1'
    return vector({
      name,
      kind: 'access',
      ...(context ? { context: context as Record<string, unknown> } : {}),
      token: token('access', key, kid, claims),
      expect: expect === 'ok' ? ok({ claims }) : fail(expect),
    })
  }
  return {
    description:
      'Access tokens: verifyAccessToken(token, keyset, { audience, now, deviceId, tolerance }). ' +
      'A null context.deviceId means the check is called without deviceId.',
    context: SERVER_CONTEXT,
    vectors: [
      acc('valid-access-token', {}, 'ok'),
      acc('valid-without-device-binding-check', {}, 'ok', { deviceId: null }),
      acc('valid-within-tolerance-after-exp', {}, 'ok', at(c.exp + 119)),
      acc('expired', {}, 'EXPIRED', at(c.exp + 120)),
      acc('valid-within-tolerance-before-iat', {}, 'ok', at(c.iat - 120)),
      acc('not-yet-valid', {}, 'NOT_YET_VALID', at(c.iat - 121)),
      acc('wrong-audience', { aud: 'other-services' }, 'WRONG_AUDIENCE'),
      acc('bound-to-another-device', {}, 'WRONG_AUDIENCE', { deviceId: 'another-device-thumbprint' }),
      acc('order-audience-before-time', { aud: 'other-services' }, 'WRONG_AUDIENCE', at(c.exp + 9999)),
      acc('signed-by-status-key', {}, 'KEY_WRONG_PURPOSE', undefined, STATUS_KEY),
      acc('cnf-jkt-44-chars', { cnf: { jkt: 'j'.repeat(44) } }, 'CLAIMS_INVALID'),
    ],
  }
}
