import { assessClock, type ClockState, observeFreshTime, observeTrustedTime } from '@tessera/core'

/**
 * The client's view of time, epoch seconds only (time zones and DST cannot affect it). Marks are
 * persisted in the license record; this module decides how they move.
 */

/** Best estimate of the server's time now: never earlier than a mark, never moved back by a rollback. */
export function serverTimeEstimate(clock: ClockState, now: number, tolerance: number): number {
  return assessClock(now, clock, tolerance).time
}

/**
 * Marks after a verified signed time (status or time receipt, `serverTime`) arrived at system
 * time `now`. Only call with the `iat` of a receipt whose signature has been verified.
 */
export function observeReceipt(clock: ClockState, serverTime: number, now: number): ClockState {
  return observeTrustedTime(clock, serverTime, now)
}

/** Marks after a verified time receipt carrying the nonce this device just sent: the server's time now. */
export function observeFreshReceipt(clock: ClockState, serverTime: number, now: number): ClockState {
  return observeFreshTime(clock, serverTime, now)
}

/**
 * Marks a decision advanced (the system high-water mark). Returns null when nothing moved by at
 * least `granularity` seconds, so the hot path does not rewrite the store on every check.
 */
export function advancedMarks(
  persisted: ClockState,
  next: ClockState,
  granularity: number,
): ClockState | null {
  if (next.trustedTime !== persisted.trustedTime || next.trustedAt !== persisted.trustedAt) return next
  return next.highWater - persisted.highWater >= granularity ? next : null
}
