import { type LeaseClaims, leaseNotBefore } from '../claims/lease-claims.js'
import { isKeysetExpired, type VerifiedKeyset } from '../keyset/verify-keyset.js'
import { offlineTimeline, timelineBounds } from './offline-timeline.js'
import { DECISION_STATES, type DecisionState } from './types.js'

/**
 * Everything the state of a decision depends on once the bundle verified and the lease is for
 * this product, except time: with it, the state is a function of the trusted time alone.
 */
export interface TimeCourse {
  lease: LeaseClaims
  keyset: VerifiedKeyset
  /** Seconds of clock skew tolerated on the lease's not-before. */
  tolerance: number
  /** The state the device or revocation step ends in at any time (`invalid`, `revoked`), or null. */
  settled: DecisionState | null
  /** Last trusted contact, epoch seconds: the latest of the clock's signed time and the receipt's. */
  lastContact: number
  /** The app version is not covered by the lease: access is capped at `limited` at any time. */
  versionCapped: boolean
}

/** The state at trusted time `t` (epoch seconds): not yet valid, settled, or the capped timeline. */
export function stateAt(course: TimeCourse, t: number): DecisionState {
  if (t + course.tolerance < leaseNotBefore(course.lease)) return 'invalid'
  if (course.settled) return course.settled
  const state = offlineTimeline(course.lease, course.lastContact, t).state
  const capped = course.versionCapped || isKeysetExpired(course.keyset, t)
  return capped && rank(state) < rank('limited') ? 'limited' : state
}

/**
 * The decision's deadline: the earliest time after `t` at which the state differs from the state at
 * `t`, or null when it never will. Every rule of stateAt holds from an instant on (not-before minus
 * tolerance, renew-after, window end, grace end, key set expiry), so the state is constant between
 * those instants and the first one at which it differs is exactly the next change.
 */
export function nextChange(course: TimeCourse, t: number): number | null {
  const now = stateAt(course, t)
  const bounds = timelineBounds(course.lease, course.lastContact)
  const instants = [
    leaseNotBefore(course.lease) - course.tolerance,
    bounds.renewAt,
    bounds.windowEnd,
    bounds.graceEnd,
    course.keyset.claims.exp,
  ]
    .filter((at) => at > t)
    .sort((a, b) => a - b)
  for (const at of instants) if (stateAt(course, at) !== now) return at
  return null
}

export function rank(state: DecisionState): number {
  return (DECISION_STATES as readonly DecisionState[]).indexOf(state)
}
