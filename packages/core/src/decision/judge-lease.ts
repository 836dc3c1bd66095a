import type { VerifiedBundle } from '../bundle/verify-bundle.js'
import { type LeaseClaims, leaseNotBefore } from '../claims/lease-claims.js'
import type { StatusClaims } from '../claims/receipt-claims.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { countMatches } from '../device/fingerprint.js'
import { TesseraError } from '../errors.js'
import { findRevocation } from '../revocation/revocation-list.js'
import { verifyStatusReceipt } from '../tokens/receipts.js'
import { compareVersions } from './app-version.js'
import type { ChainRun } from './chain-run.js'
import type { ClockAssessment } from './clock.js'
import { essentialFeatures, grantedFeatures } from './features.js'
import { offlineTimeline } from './offline-timeline.js'
import {
  DECISION_STATES,
  type Decision,
  type DecisionState,
  type EvaluationInput,
  type LicenseSummary,
} from './types.js'

export interface JudgeContext {
  input: EvaluationInput
  verified: VerifiedBundle
  clock: ClockAssessment
  run: ChainRun
  tolerance: number
  crypto: CryptoProvider
  /** The key set's expiry has passed: access is capped at limited until the next contact. */
  keysetExpired: boolean
}

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
    return done('invalid', [], null)
  }
  run.pass('claims')
  if (!deviceStep(ctx, lease)) return done('invalid', [], null)
  const status = latestStatus(ctx)
  if (status === 'invalid') return done('invalid', [], null)
  const revoked =
    status.sts === 'revoked' || findRevocation(input.revocations ?? null, ids(lease, input)) !== null
  if (revoked) {
    run.fail('revocation', 'REVOKED')
    return done('revoked', [], null)
  }
  run.pass('revocation')
  const timeline = offlineTimeline(lease, Math.max(input.clock.trustedTime, status.iat), t)
  let state = timeline.state
  if (timeline.reasons.length > 0) run.warn('offline', ...timeline.reasons)
  else run.pass('offline')
  const compatible = !input.app.version || !lease.vmx || compareVersions(input.app.version, lease.vmx) <= 0
  if (compatible) run.pass('compatibility')
  else run.warn('compatibility', 'APP_VERSION_NOT_COVERED')
  if (clock.rollback) run.warn('clock', 'CLOCK_ROLLBACK')
  else run.pass('clock')
  if ((!compatible || ctx.keysetExpired) && rank(state) < rank('limited')) state = 'limited'
  const features =
    state === 'limited'
      ? essentialFeatures(lease, input.app)
      : state === 'expired'
        ? []
        : grantedFeatures(lease, input.app)
  return finish(ctx, state, features, state === 'limited' || state === 'expired' ? null : timeline.deadline)
}

function deviceStep(ctx: JudgeContext, lease: LeaseClaims): boolean {
  const { input, run } = ctx
  if (lease.cnf.jkt !== input.device.id) {
    run.fail('device', 'DEVICE_MISMATCH')
    return false
  }
  const matches = countMatches(lease.hwf.c, input.device.components)
  if (matches < lease.hwf.k) {
    run.fail('device', 'FINGERPRINT_MISMATCH')
    return false
  }
  if (matches < lease.hwf.c.length) run.warn('device', 'FINGERPRINT_CHANGED')
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

function rank(state: DecisionState): number {
  return (DECISION_STATES as readonly DecisionState[]).indexOf(state)
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
    policy: lease.pol,
    device: lease.cnf.jkt,
    issuedAt: lease.iat,
    renewAfter: lease.ren,
    expiresAt: lease.exp,
    graceUntil: lease.grc,
  }
}
