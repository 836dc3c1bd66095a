import type { TransportFailureKind } from '../transport/transport-error.js'
import type { RenewalState } from './renewal-state.js'

/** The renewal cadence, resolved from the client options. Seconds throughout. */
export interface ScheduleOptions {
  jitterSeconds: number
  initialBackoffSeconds: number
  maxBackoffSeconds: number
  checkInSeconds: number
}

/** The lease timeline fields renewal needs (trusted epoch seconds). */
export interface LeaseTimes {
  jti: string
  ren: number
  exp: number
}

export interface Failure {
  kind: TransportFailureKind
  code: string
  /** Seconds the server asked to wait, or null. */
  retryAfter: number | null
}

/**
 * Seconds after renew_after of a lease's first attempt, so a fleet issued at the same moment does
 * not renew at the same instant; at most half the time left before the window closes.
 */
export function drawJitter(lease: LeaseTimes, options: ScheduleOptions, random: () => number): number {
  const room = Math.max(0, Math.floor((lease.exp - lease.ren) / 2))
  return Math.floor(random() * Math.min(options.jitterSeconds, room))
}

/** The schedule for `lease`: unchanged when it is the same lease, a fresh one (new jitter) otherwise. */
export function forLease(
  state: RenewalState,
  lease: LeaseTimes,
  options: ScheduleOptions,
  random: () => number,
): RenewalState {
  if (state.lease === lease.jti) return state
  return { ...state, lease: lease.jti, jitter: drawJitter(lease, options, random), failures: 0, notBefore: 0 }
}

/**
 * Delay after the `failures`-th consecutive failure: exponential from the initial delay, capped,
 * with "equal jitter" (between half and all of it) so retries of a fleet spread out. A rejection
 * (4xx) waits the cap at once: trying again soon would get the same answer.
 */
export function backoffSeconds(
  failures: number,
  kind: TransportFailureKind,
  options: ScheduleOptions,
  random: () => number,
): number {
  const full =
    kind === 'rejected'
      ? options.maxBackoffSeconds
      : Math.min(options.maxBackoffSeconds, options.initialBackoffSeconds * 2 ** Math.min(failures - 1, 30))
  return Math.max(1, Math.round(full * (0.5 + random() / 2)))
}

/** The schedule after a failed attempt at system time `now`; Retry-After is a floor on the wait. */
export function afterFailure(
  state: RenewalState,
  now: number,
  failure: Failure,
  options: ScheduleOptions,
  random: () => number,
): RenewalState {
  const failures = state.failures + 1
  const retryAfter = failure.retryAfter ?? 0
  const wait = Math.max(backoffSeconds(failures, failure.kind, options, random), retryAfter)
  const answered = failure.kind !== 'offline'
  return {
    ...state,
    failures,
    notBefore: now + wait,
    retryAfterUntil: retryAfter > 0 ? now + retryAfter : state.retryAfterUntil,
    lastAttemptAt: now,
    lastOutcome: failure.kind,
    lastCode: failure.code.slice(0, 64),
    lastContactAt: answered ? now : state.lastContactAt,
    offlineSince: answered ? 0 : state.offlineSince || now,
  }
}

/** The schedule after an answer that was not a failure (renewal, check-in or revocation news). */
export function afterContact(
  state: RenewalState,
  now: number,
  outcome: 'renewed' | 'revoked' | null,
  options: ScheduleOptions,
  random: () => number,
): RenewalState {
  const next = {
    ...state,
    lastContactAt: now,
    offlineSince: 0,
    nextCheckInAt: options.checkInSeconds > 0 ? now + checkInDelay(options, random) : 0,
  }
  if (outcome === null) return next
  return {
    ...next,
    failures: 0,
    notBefore: 0,
    retryAfterUntil: 0,
    lastAttemptAt: now,
    lastOutcome: outcome,
    lastCode: null,
  }
}

/** Check-in interval with ±10 % jitter. */
function checkInDelay(options: ScheduleOptions, random: () => number): number {
  return Math.max(60, Math.round(options.checkInSeconds * (0.9 + random() * 0.2)))
}

/**
 * System time of the next automatic renewal attempt: when the lease becomes due (its renew_after
 * plus jitter, in trusted time, mapped onto the system clock through `trustedNow`), but never
 * before the back-off or Retry-After allow. With no lease (a lost or unreadable store that still
 * knows its license id) an attempt is due at once, subject to back-off.
 */
export function nextAttemptAt(
  state: RenewalState,
  lease: LeaseTimes | null,
  trustedNow: number,
  now: number,
): number {
  const floor = Math.max(state.notBefore, state.retryAfterUntil)
  if (lease === null) return Math.max(now, floor)
  const jitter = state.lease === lease.jti ? state.jitter : 0
  const due = now + Math.max(0, lease.ren + jitter - trustedNow)
  return Math.max(due, floor)
}
