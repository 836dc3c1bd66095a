import { type LeaseClaims, leaseOfflineWindow } from '../claims/lease-claims.js'
import type { DecisionState, ReasonCode } from './types.js'

export interface Timeline {
  state: DecisionState
  reasons: ReasonCode[]
  /** Next boundary after `time`, or null when past the last one. */
  deadline: number | null
}

/**
 * Where `time` falls in the lease timeline. The offline window ends at the lease's `exp` or
 * `ofw` after the last trusted contact, whichever is first; grace keeps its length after that.
 */
export function offlineTimeline(lease: LeaseClaims, lastContact: number, time: number): Timeline {
  const contactLimit = Math.max(lastContact, lease.iat) + leaseOfflineWindow(lease)
  const windowEnd = Math.min(lease.exp, contactLimit)
  const graceEnd = windowEnd + (lease.grc - lease.exp)
  const renewAt = Math.min(lease.ren, windowEnd)
  const tooLong: ReasonCode[] = contactLimit < lease.exp && time >= contactLimit ? ['OFFLINE_TOO_LONG'] : []
  if (time < renewAt) return { state: 'active', reasons: [], deadline: renewAt }
  if (time < windowEnd) return { state: 'renewal_due', reasons: ['RENEWAL_DUE'], deadline: windowEnd }
  if (time < graceEnd)
    return { state: 'offline_grace', reasons: [...tooLong, 'IN_GRACE'], deadline: graceEnd }
  const after: DecisionState = lease.fbk === 'limited' ? 'limited' : 'expired'
  return { state: after, reasons: [...tooLong, 'GRACE_ENDED'], deadline: null }
}
