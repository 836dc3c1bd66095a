import type { ClockState } from './types.js'

export interface ClockAssessment {
  /** Conservative estimate of the server's time now, epoch seconds. */
  time: number
  /** The system clock is behind a mark by more than the tolerance. */
  rollback: boolean
  /** Marks to persist: the high-water mark never moves back. */
  next: ClockState
}

/**
 * Estimates trusted time from the system clock and the persisted marks. Time elapsed since the
 * last trusted contact is measured on the system clock but never backwards: a clock set back is
 * replaced by the high-water mark, so turning the clock back can never extend access. Epoch
 * seconds throughout, so time zones and DST have no effect.
 */
export function assessClock(now: number, clock: ClockState, tolerance: number): ClockAssessment {
  const system = Math.max(now, clock.highWater)
  const rollback =
    now < clock.highWater - tolerance || (clock.trustedTime > 0 && now < clock.trustedAt - tolerance)
  const time = clock.trustedTime > 0 ? clock.trustedTime + Math.max(0, system - clock.trustedAt) : system
  return { time, rollback, next: { ...clock, highWater: system } }
}

/**
 * New marks after a signed server time `serverTime` arrived at system time `now`. A newer signed
 * time resets the system mark too, which is how a clock once set far forward recovers.
 */
export function observeTrustedTime(clock: ClockState, serverTime: number, now: number): ClockState {
  if (serverTime <= clock.trustedTime) return { ...clock, highWater: Math.max(clock.highWater, now) }
  return { trustedTime: serverTime, trustedAt: now, highWater: now }
}

/**
 * New marks after a time receipt bound to a nonce this device just chose arrived at system time
 * `now`: it is the server's time now, so it re-anchors the marks even when it is no newer than the
 * trusted time (a device clock that jumped forward within a second of the last contact). A replay
 * cannot carry the fresh nonce, so this cannot freeze the clock; it still never moves trusted time back.
 */
export function observeFreshTime(clock: ClockState, serverTime: number, now: number): ClockState {
  if (serverTime < clock.trustedTime) return { ...clock, highWater: Math.max(clock.highWater, now) }
  return { trustedTime: serverTime, trustedAt: now, highWater: now }
}

/** Marks of a device that has never had a trusted contact. */
export const INITIAL_CLOCK: Readonly<ClockState> = Object.freeze({
  trustedTime: 0,
  trustedAt: 0,
  highWater: 0,
})
