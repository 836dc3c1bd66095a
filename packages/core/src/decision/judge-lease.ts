import type { VerifiedBundle } from '../bundle/verify-bundle.js'
import { type LeaseClaims, leaseNotBefore } from '../claims/lease-claims.js'
import type { StatusClaims } from '../claims/receipt-claims.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { countMatches, unpackComponents } from '../device/fingerprint.js'
import { TesseraError } from '../errors.js'
import { findRevocation } from '../revocation/revocation-list.js'
import { verifyStatusReceipt } from '../tokens/receipts.js'
import { compareVersions } from './app-version.js'
import { ChainRun } from './chain-run.js'
import type { ClockAssessment } from './clock.js'
import { nextChange, stateAt, type TimeCourse } from './deadline.js'
import { essentialFeatures, grantedFeatures } from './features.js'
import { offlineTimeline } from './offline-timeline.js'
import type { Decision, DecisionState, EvaluationInput, LicenseSummary } from './types.js'

export interface JudgeContext {
  input: EvaluationInput
  verified: VerifiedBundle
  clock: ClockAssessment
  run: ChainRun
  tolerance: number
  crypto: CryptoProvider
}

/** Where steps 5–6 (device, revocation) end: a state they settle on, or the last trusted contact. */
type LaterSteps = { settled: DecisionState } | { lastContact: number }

/** Steps 4–9 of the chain, on a bundle whose signatures verified. */
export function judgeLease(ctx: JudgeContext): Decision {
  const { input, clock, run } = ctx
  const lease = ctx.verified.lease
  const t = clock.time
  const done = (state: DecisionState, features: string[], deadline: number | null): Decision => {
    run.skipRest()
    return finish(ctx, state, features, deadline)
  }
  if (lease.aud !== input.app.product) {
    run.fail('claims', 'WRONG_PRODUCT')
    return done('invalid', [], null)
  }
  if (t + ctx.tolerance < leaseNotBefore(lease)) {
    run.fail('claims', 'NOT_YET_VALID')
    // The deadline is when the lease becomes valid, should the later steps then give another
    // state: they run on a scratch trace, for that only.
    const later = laterSteps({ ...ctx, run: new ChainRun() })
    return done('invalid', [], nextChange(timeCourse(ctx, later), t))
  }
  run.pass('claims')
  const later = laterSteps(ctx)
  if ('settled' in later) return done(later.settled, [], null)
  const timeline = offlineTimeline(lease, later.lastContact, t)
  if (timeline.reasons.length > 0) run.warn('offline', ...timeline.reasons)
  else run.pass('offline')
  if (covers(input, lease)) run.pass('compatibility')
  else run.warn('compatibility', 'APP_VERSION_NOT_COVERED')
  if (clock.rollback) run.warn('clock', 'CLOCK_ROLLBACK')
  else run.pass('clock')
  // The state with the caps (app version not covered, key set expired) and its next change.
  const course = timeCourse(ctx, later)
  const state = stateAt(course, t)
  const features =
    state === 'limited'
      ? essentialFeatures(lease, input.app)
      : state === 'expired'
        ? []
        : grantedFeatures(lease, input.app)
  return finish(ctx, state, features, nextChange(course, t))
}

/** Steps 5 (device) and 6 (revocation), recorded on `ctx.run`. */
function laterSteps(ctx: JudgeContext): LaterSteps {
  const { input, run } = ctx
  const lease = ctx.verified.lease
  if (!deviceStep(ctx, lease)) return { settled: 'invalid' }
  const status = latestStatus(ctx)
  if (status === 'invalid') return { settled: 'invalid' }
  const revoked =
    status.sts === 'revoked' || findRevocation(input.revocations ?? null, ids(lease, input)) !== null
  if (revoked) {
    run.fail('revocation', 'REVOKED')
    return { settled: 'revoked' }
  }
  run.pass('revocation')
  return { lastContact: Math.max(input.clock.trustedTime, status.iat) }
}

/** What the state depends on besides time (see stateAt). */
function timeCourse(ctx: JudgeContext, later: LaterSteps): TimeCourse {
  const lease = ctx.verified.lease
  return {
    lease,
    keyset: ctx.verified.keyset,
    tolerance: ctx.tolerance,
    settled: 'settled' in later ? later.settled : null,
    lastContact: 'lastContact' in later ? later.lastContact : 0,
    versionCapped: !covers(ctx.input, lease),
  }
}

/** Whether the lease covers this app version (`vmx`, when both are given). */
function covers(input: EvaluationInput, lease: LeaseClaims): boolean {
  return !input.app.version || !lease.vmx || compareVersions(input.app.version, lease.vmx) <= 0
}

function deviceStep(ctx: JudgeContext, lease: LeaseClaims): boolean {
  const { input, run } = ctx
  if (lease.cnf.jkt !== input.device.id) {
    run.fail('device', 'DEVICE_MISMATCH')
    return false
  }
  const expected = unpackComponents(lease.hwf.c)
  const matches = countMatches(expected, input.device.components)
  if (matches < lease.hwf.k) {
    run.fail('device', 'FINGERPRINT_MISMATCH')
    return false
  }
  if (matches < expected.length) run.warn('device', 'FINGERPRINT_CHANGED')
  else run.pass('device')
  return true
}

/** The newest status receipt seen: the bundle's, or a later one the client stored separately. */
function latestStatus(ctx: JudgeContext): StatusClaims | 'invalid' {
  const { input, verified, run } = ctx
  if (!input.status) return verified.status
  try {
    const extra = verifyStatusReceipt(input.status, verified.keyset, input.app.product, ctx.crypto)
    if (extra.sub !== verified.lease.sub || extra.dev !== input.device.id)
      throw new TesseraError('WRONG_AUDIENCE', 'receipt is about another license or device')
    return extra.iat >= verified.status.iat ? extra : verified.status
  } catch (err) {
    run.fail('revocation', 'STATUS_INVALID', err)
    return 'invalid'
  }
}

function ids(lease: LeaseClaims, input: EvaluationInput) {
  return { license: lease.sub, device: input.device.id, lease: lease.jti }
}

function finish(
  ctx: JudgeContext,
  state: DecisionState,
  features: string[],
  deadline: number | null,
): Decision {
  const { run, clock } = ctx
  return {
    state,
    features,
    deadline,
    reasons: run.reasons,
    trace: run.trace,
    clock: clock.next,
    time: clock.time,
    license: summary(ctx.verified.lease),
  }
}

function summary(lease: LeaseClaims): LicenseSummary {
  return {
    license: lease.sub,
    product: lease.aud,
    edition: lease.edn,
    lease: lease.jti,
    device: lease.cnf.jkt,
    issuedAt: lease.iat,
    renewAfter: lease.ren,
    expiresAt: lease.exp,
    graceUntil: lease.grc,
  }
}
