import { type LeaseClaims, leaseFallback, leaseOfflineWindow } from '../claims/lease-claims.js'
import type { DecisionState, ReasonCode } from './types.js'

export interface Timeline {
  state: DecisionState
  reasons: ReasonCode[]
}

/** The instants, epoch seconds, at which the timeline moves on; each applies from that instant on. */
export interface TimelineBounds {
  /** `renewal_due` from here. */
  renewAt: number
  /** `offline_grace` from here: `exp`, or `ofw` after the last trusted contact when that is first. */
  windowEnd: number
  /** The fallback from here; grace keeps its length when the window ends early. */
  graceEnd: number
  /** `ofw` after the last trusted contact (OFFLINE_TOO_LONG from here when before `exp`). */
  contactLimit: number
}

/** The boundaries of a lease's timeline given the last trusted contact (epoch seconds). */
export function timelineBounds(lease: LeaseClaims, lastContact: number): TimelineBounds {
  const contactLimit = Math.max(lastContact, lease.iat) + leaseOfflineWindow(lease)
  const windowEnd = Math.min(lease.exp, contactLimit)
  return {
    renewAt: Math.min(lease.ren, windowEnd),
    windowEnd,
    graceEnd: windowEnd + (lease.grc - lease.exp),
    contactLimit,
  }
}

/**
 * Where `time` falls in the lease timeline. The offline window ends at the lease's `exp` or
 * `ofw` after the last trusted contact, whichever is first; grace keeps its length after that.
 */
export function offlineTimeline(lease: LeaseClaims, lastContact: number, time: number): Timeline {
  const { renewAt, windowEnd, graceEnd, contactLimit } = timelineBounds(lease, lastContact)
  const tooLong: ReasonCode[] = contactLimit < lease.exp && time >= contactLimit ? ['OFFLINE_TOO_LONG'] : []
  if (time < renewAt) return { state: 'active', reasons: [] }
  if (time < windowEnd) return { state: 'renewal_due', reasons: ['RENEWAL_DUE'] }
  if (time < graceEnd) return { state: 'offline_grace', reasons: [...tooLong, 'IN_GRACE'] }
  const after: DecisionState = leaseFallback(lease) === 'limited' ? 'limited' : 'expired'
  return { state: after, reasons: [...tooLong, 'GRACE_ENDED'] }
}
