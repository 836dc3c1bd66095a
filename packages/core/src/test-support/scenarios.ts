// fast-check arbitraries of decision inputs for property tests: bundles with varied policy (timeline,
// fallback, covered app version, key set expiry), newer separately stored status receipts,
// revocation lists and clocks. Tokens are signed synchronously and cached by content, so shrinking
// and repeated values cost no new signatures.
import fc from 'fast-check'
import type { Bundle } from '../bundle/bundle.js'
import type { LeaseClaims } from '../claims/lease-claims.js'
import type { RevocationKind, StatusClaims } from '../claims/receipt-claims.js'
import type { ClockState, EvaluationInput } from '../decision/types.js'
import type { RevocationState } from '../revocation/revocation-list.js'
import { decisionInput } from './decision-input.js'
import {
  accessClaims,
  COMPONENTS,
  DAY,
  DEVICE,
  fingerprintComponent,
  keysetClaims,
  LEASE_ID,
  LEASE_KEY,
  LICENSE_ID,
  leaseClaims,
  PRODUCT,
  ROOT,
  STATUS_KEY,
  signNow,
  statusClaims,
  T0,
} from './factory.js'

/** The policy of a generated bundle; times are epoch seconds, the lease is issued at T0. */
export interface Policy {
  lease: Partial<LeaseClaims>
  /** Expiry of the key set: before, inside or after the lease's timeline. */
  keysetExp: number
}

const cache = new Map<string, string>()
function cachedToken(kind: 'keyset' | 'lease' | 'status', claims: object): string {
  const key = `${kind}:${JSON.stringify(claims)}`
  let token = cache.get(key)
  if (token === undefined) {
    if (kind === 'keyset') token = signNow(kind, ROOT, ROOT.thumbprint, claims)
    else if (kind === 'lease') token = signNow(kind, LEASE_KEY, 'k-lease-1', claims)
    else token = signNow(kind, STATUS_KEY, 'k-status-1', claims)
    cache.set(key, token)
  }
  return token
}

const ACCESS = signNow('access', LEASE_KEY, 'k-lease-1', accessClaims())

/** A valid bundle with this policy and the bundle's own status receipt (good unless told). */
export function bundleWith(policy: Policy, status: Partial<StatusClaims> = {}): Bundle {
  return {
    v: 1,
    chain: [],
    keyset: cachedToken('keyset', keysetClaims({ exp: policy.keysetExp })),
    lease: cachedToken('lease', leaseClaims(policy.lease)),
    access: ACCESS,
    status: cachedToken('status', statusClaims(status)),
  }
}

/** A status receipt stored apart from the bundle (e.g. from a refused renewal), issued at `iat`. */
export function storedStatus(iat: number, revoked?: RevocationKind): string {
  const rvk = revoked ? { sts: 'revoked' as const, rvk: { k: revoked, at: iat, rsn: 'test' } } : {}
  return cachedToken('status', statusClaims({ iat, jti: `sts_${iat}`, ...rvk }))
}

/** Lease timelines with every ordering of ren/exp/grc, optional nbf and ofw, both fallbacks, vmx. */
export const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    ren: fc.integer({ min: 0, max: 6 * DAY }),
    window: fc.integer({ min: 0, max: 5 * DAY }),
    grace: fc.integer({ min: 0, max: 4 * DAY }),
    nbf: fc.option(fc.integer({ min: 0, max: 2 * DAY }), { freq: 4 }),
    ofw: fc.option(fc.integer({ min: 3600, max: 12 * DAY }), { freq: 2 }),
    deny: fc.boolean(),
    // the app is 2.1.0 (decisionInput): 2.0.0 does not cover it
    vmx: fc.constantFrom(undefined, '2.0.0', '2.1.0', '3.0.0'),
    keysetExp: fc.oneof(fc.integer({ min: T0 + 1, max: T0 + 20 * DAY }), fc.constant(T0 + 180 * DAY)),
  })
  .map(({ ren, window, grace, nbf, ofw, deny, vmx, keysetExp }) => {
    const lease: Partial<LeaseClaims> = {
      ren: T0 + ren,
      exp: T0 + ren + window,
      grc: T0 + ren + window + grace,
    }
    if (nbf !== null) lease.nbf = T0 + Math.min(nbf, ren)
    if (ofw !== null) lease.ofw = ofw
    if (deny) lease.fbk = 'deny'
    if (vmx !== undefined) lease.vmx = vmx
    return { lease, keysetExp }
  })

/** System times, mostly inside the generated lease timelines (which end by T0 + 15 days). */
export const timeArb = fc.oneof(
  { arbitrary: fc.integer({ min: T0 - DAY, max: T0 + 8 * DAY }), weight: 3 },
  { arbitrary: fc.integer({ min: T0 - DAY, max: T0 + 40 * DAY }), weight: 1 },
)

const highWater = fc.oneof(
  { arbitrary: fc.integer({ min: T0 - 2 * DAY, max: T0 + 4 * DAY }), weight: 3 },
  { arbitrary: fc.integer({ min: T0 - 2 * DAY, max: T0 + 20 * DAY }), weight: 1 },
)

/** Trusted marks from the lease's issuance on, or none (a device that never had a contact). */
export const clockArb: fc.Arbitrary<ClockState> = fc.oneof(
  {
    arbitrary: fc.record({
      trustedTime: fc.integer({ min: T0, max: T0 + 2 * DAY }),
      trustedAt: fc.integer({ min: T0 - 2 * DAY, max: T0 + 2 * DAY }),
      highWater,
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ trustedTime: fc.constant(0), trustedAt: fc.constant(0), highWater }),
    weight: 1,
  },
)

/** Revocation lists that name other licenses, devices and leases only. */
const unrelatedRevocations: fc.Arbitrary<RevocationState | null> = fc.option(
  fc.record({
    product: fc.constant(PRODUCT),
    seq: fc.integer({ min: 1, max: 50 }),
    entries: fc.array(
      fc.record({
        k: fc.constantFrom<RevocationKind>('license', 'device', 'lease'),
        id: fc.constantFrom('lic_other', 'lea_other', 'dev_other'),
        at: fc.constant(T0),
      }),
      { maxLength: 3 },
    ),
  }),
)

/** A newer (or older) good receipt stored apart from the bundle, or none. */
const goodStoredStatus = fc.option(
  fc.integer({ min: -DAY, max: 5 * DAY }).map((offset) => storedStatus(T0 + offset)),
)

const components = fc.constantFrom(COMPONENTS, [
  ...COMPONENTS.slice(0, -1),
  fingerprintComponent('disk', 'new'),
])

/** Decision inputs of a license that is not revoked, over varied policy, receipts and clocks. */
export const unrevokedInputArb: fc.Arbitrary<EvaluationInput> = fc
  .record({
    policy: policyArb,
    now: timeArb,
    clock: clockArb,
    status: goodStoredStatus,
    revocations: unrelatedRevocations,
    components,
  })
  .map((s) =>
    decisionInput(bundleWith(s.policy), {
      now: s.now,
      clock: s.clock,
      status: s.status,
      revocations: s.revocations,
      device: { id: DEVICE.thumbprint, components: s.components },
    }),
  )

/** How a revocation reaches the decision. */
export type RevokedVia = 'bundle status' | 'revocation list' | 'stored status'

/** Decision inputs of a revoked license, device or lease, by each of the three ways. */
export const revokedInputArb: fc.Arbitrary<{ input: EvaluationInput; via: RevokedVia }> = fc
  .record({
    policy: policyArb,
    now: timeArb,
    clock: clockArb,
    via: fc.constantFrom<RevokedVia>('bundle status', 'revocation list', 'stored status'),
    kind: fc.constantFrom<RevocationKind>('license', 'device', 'lease'),
    receiptAge: fc.integer({ min: 0, max: 5 * DAY }),
    revocations: unrelatedRevocations,
  })
  .map((s) => {
    const revoked = { sts: 'revoked' as const, rvk: { k: s.kind, at: T0, rsn: 'test' } }
    const id = { license: LICENSE_ID, device: DEVICE.thumbprint, lease: LEASE_ID }[s.kind]
    const list: RevocationState = {
      product: PRODUCT,
      seq: (s.revocations?.seq ?? 0) + 1,
      entries: [...(s.revocations?.entries ?? []), { k: s.kind, id, at: T0 }],
    }
    const input = decisionInput(bundleWith(s.policy, s.via === 'bundle status' ? revoked : {}), {
      now: s.now,
      clock: s.clock,
      status: s.via === 'stored status' ? storedStatus(T0 + s.receiptAge, s.kind) : null,
      revocations: s.via === 'revocation list' ? list : s.revocations,
    })
    return { input, via: s.via }
  })

/** The system time at which `input`, with its clock marks unchanged, has trusted time `t`. */
export function nowForTrustedTime(input: EvaluationInput, t: number): number {
  return input.clock.trustedTime > 0 ? input.clock.trustedAt + (t - input.clock.trustedTime) : t
}
