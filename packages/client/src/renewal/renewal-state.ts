import { int, obj, oneOf, strOrNull } from '../store/shape.js'

/** What one contact with the server came to. */
export type AttemptOutcome = 'renewed' | 'revoked' | 'offline' | 'server_error' | 'rejected' | 'rate_limited'

const OUTCOMES: readonly AttemptOutcome[] = [
  'renewed',
  'revoked',
  'offline',
  'server_error',
  'rejected',
  'rate_limited',
]

/**
 * The persisted renewal schedule, so back-off and Retry-After survive restarts and are shared by
 * every process of the app. Times are system epoch seconds unless said otherwise.
 */
export interface RenewalState {
  /** Lease id (jti) this schedule belongs to; a new lease starts a new schedule. */
  lease: string | null
  /** Seconds after the lease's renew_after (trusted time) of the first attempt; drawn once per lease. */
  jitter: number
  /** Consecutive failed attempts since the last success. */
  failures: number
  /** No automatic attempt before this time (exponential back-off). */
  notBefore: number
  /** No attempt at all, manual included, before this time (the server's Retry-After). */
  retryAfterUntil: number
  lastAttemptAt: number
  lastOutcome: AttemptOutcome | null
  /** Problem or reason code of the last failure. */
  lastCode: string | null
  /** Last time any request got an answer from the server; 0 when never. */
  lastContactAt: number
  /** First unanswered attempt since the last contact; 0 when none (for offline-duration telemetry). */
  offlineSince: number
  /** Next status check-in (revocation news between renewals); 0 when none is planned. */
  nextCheckInAt: number
}

export const INITIAL_RENEWAL: Readonly<RenewalState> = Object.freeze({
  lease: null,
  jitter: 0,
  failures: 0,
  notBefore: 0,
  retryAfterUntil: 0,
  lastAttemptAt: 0,
  lastOutcome: null,
  lastCode: null,
  lastContactAt: 0,
  offlineSince: 0,
  nextCheckInAt: 0,
})

export function parseRenewalState(value: unknown, path = 'renewal'): RenewalState {
  const o = obj(value, path)
  return {
    lease: strOrNull(o.lease, `${path}.lease`, 256),
    jitter: int(o.jitter, `${path}.jitter`),
    failures: int(o.failures, `${path}.failures`),
    notBefore: int(o.notBefore, `${path}.notBefore`),
    retryAfterUntil: int(o.retryAfterUntil, `${path}.retryAfterUntil`),
    lastAttemptAt: int(o.lastAttemptAt, `${path}.lastAttemptAt`),
    lastOutcome: o.lastOutcome === null ? null : oneOf(o.lastOutcome, OUTCOMES, `${path}.lastOutcome`),
    lastCode: strOrNull(o.lastCode, `${path}.lastCode`, 64),
    lastContactAt: int(o.lastContactAt, `${path}.lastContactAt`),
    offlineSince: int(o.offlineSince, `${path}.offlineSince`),
    nextCheckInAt: int(o.nextCheckInAt, `${path}.nextCheckInAt`),
  }
}
