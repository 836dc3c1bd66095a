import { type Bundle, type ClockState, decodeJws } from '@tessera/core'
import type { RenewalState } from '../renewal/renewal-state.js'
import type { LicenseRecord, QueuedEvent, TelemetryRecord, TrustMarks } from './records.js'

/**
 * Combines the record on disk with this process's view so that no process loses another's
 * progress: trust marks only rise; the clock keeps the newest signed time; within one activation
 * epoch the newest bundle, status receipt and schedule win. Across epochs (another process
 * activated or deactivated) the disk's license fields win, but the marks still only rise.
 */
export function mergeLicense(disk: LicenseRecord, mine: LicenseRecord): LicenseRecord {
  const trust = mergeTrust(disk.trust, mine.trust)
  const clock = mergeClock(disk.clock, mine.clock)
  if (disk.epoch !== mine.epoch) return { ...disk, trust, clock }
  return {
    epoch: disk.epoch,
    bundle: newerBundle(disk.bundle, mine.bundle),
    status: newerToken(disk.status, mine.status),
    trust,
    clock,
    renewal: newerSchedule(disk.renewal, mine.renewal),
  }
}

/** Versions only rise; the current root is the one of the higher root version. */
export function mergeTrust(a: TrustMarks, b: TrustMarks): TrustMarks {
  const newer = b.rootVersion > a.rootVersion ? b : a
  return {
    keysetVersion: Math.max(a.keysetVersion, b.keysetVersion),
    rootVersion: newer.rootVersion,
    currentRoot:
      newer.currentRoot ?? (a.rootVersion === b.rootVersion ? (a.currentRoot ?? b.currentRoot) : null),
  }
}

/**
 * The marks with the newest signed time win whole: a newer signed time legitimately lowers the
 * system high-water mark (recovery from a clock once set far forward). Same signed time: the
 * higher system mark.
 */
export function mergeClock(a: ClockState, b: ClockState): ClockState {
  if (a.trustedTime !== b.trustedTime) return a.trustedTime > b.trustedTime ? { ...a } : { ...b }
  return {
    ...a,
    trustedAt: Math.max(a.trustedAt, b.trustedAt),
    highWater: Math.max(a.highWater, b.highWater),
  }
}

/** Server time (iat) of a stored status receipt, read without verification (the store is sealed). */
export function statusTime(token: string | null): number {
  if (token === null) return -1
  try {
    const iat = decodeJws(token, 'status').payload.iat
    return typeof iat === 'number' ? iat : -1
  } catch {
    return -1
  }
}

function newerBundle(disk: Bundle | null, mine: Bundle | null): Bundle | null {
  if (disk === null || mine === null) return disk ?? mine
  return statusTime(mine.status) > statusTime(disk.status) ? mine : disk
}

function newerToken(disk: string | null, mine: string | null): string | null {
  if (disk === null || mine === null) return disk ?? mine
  return statusTime(mine) > statusTime(disk) ? mine : disk
}

function newerSchedule(disk: RenewalState, mine: RenewalState): RenewalState {
  const progress = (s: RenewalState) => Math.max(s.lastAttemptAt, s.lastContactAt)
  return progress(mine) >= progress(disk) ? mine : disk
}

/** Union of two queues by event id, oldest first, keeping the newest `max`; the rest count as dropped. */
export function mergeTelemetry(
  disk: TelemetryRecord,
  added: readonly QueuedEvent[],
  max: number,
): TelemetryRecord {
  const seen = new Set(disk.events.map((e) => e.id))
  const events = [...disk.events, ...added.filter((e) => !seen.has(e.id))]
  const overflow = Math.max(0, events.length - max)
  return { events: events.slice(overflow), dropped: disk.dropped + overflow }
}
