import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { INITIAL_RENEWAL, type RenewalState } from './renewal-state.js'
import {
  afterContact,
  afterFailure,
  backoffSeconds,
  drawJitter,
  forLease,
  nextAttemptAt,
  type ScheduleOptions,
} from './schedule.js'

const OPTIONS: ScheduleOptions = {
  jitterSeconds: 900,
  initialBackoffSeconds: 60,
  maxBackoffSeconds: 3600,
  checkInSeconds: 21_600,
}
const LEASE = { jti: 'lea_1', ren: 1_000_000, exp: 1_000_000 + 4 * 86_400 }
const half = () => 0.5
const one = () => 0.999_999

describe('renewal schedule', () => {
  it('jitter is drawn once per lease, within the option and half the time left', () => {
    expect(drawJitter(LEASE, OPTIONS, half)).toBe(450)
    expect(drawJitter({ ...LEASE, exp: LEASE.ren + 200 }, OPTIONS, one)).toBe(99)
    const state = forLease(INITIAL_RENEWAL, LEASE, OPTIONS, half)
    expect(state).toMatchObject({ lease: 'lea_1', jitter: 450 })
    expect(forLease(state, LEASE, OPTIONS, one)).toBe(state)
  })

  it('backs off exponentially, capped, with equal jitter; a rejection waits the cap', () => {
    const full = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffSeconds(n, 'offline', OPTIONS, one))
    expect(full).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600])
    expect(backoffSeconds(3, 'server_error', OPTIONS, () => 0)).toBe(120)
    expect(backoffSeconds(1, 'rejected', OPTIONS, one)).toBe(3600)
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (n, r) => {
          const wait = backoffSeconds(n, 'offline', OPTIONS, () => r)
          return wait >= 1 && wait <= OPTIONS.maxBackoffSeconds
        },
      ),
    )
  })

  it('honours Retry-After as a floor, for automatic and manual attempts', () => {
    const now = LEASE.ren + 10
    const state = afterFailure(
      forLease(INITIAL_RENEWAL, LEASE, OPTIONS, half),
      now,
      { kind: 'server_error', code: 'OVERLOADED', retryAfter: 7200 },
      OPTIONS,
      half,
    )
    expect(state).toMatchObject({ failures: 1, notBefore: now + 7200, retryAfterUntil: now + 7200 })
    expect(state).toMatchObject({ lastOutcome: 'server_error', lastCode: 'OVERLOADED', lastContactAt: now })
    expect(nextAttemptAt(state, LEASE, now, now)).toBe(now + 7200)
  })

  it('counts the offline period from the first unanswered attempt until the next contact', () => {
    let s: RenewalState = forLease(INITIAL_RENEWAL, LEASE, OPTIONS, half)
    s = afterFailure(s, 100, { kind: 'offline', code: 'TIMEOUT', retryAfter: null }, OPTIONS, half)
    s = afterFailure(s, 200, { kind: 'offline', code: 'TIMEOUT', retryAfter: null }, OPTIONS, half)
    expect(s).toMatchObject({ offlineSince: 100, failures: 2, notBefore: 200 + 90 })
    s = afterContact(s, 300, 'renewed', OPTIONS, half)
    expect(s).toMatchObject({
      offlineSince: 0,
      failures: 0,
      notBefore: 0,
      lastContactAt: 300,
      nextCheckInAt: 300 + 21_600,
    })
  })

  it('plans the first attempt at renew-after plus jitter, mapped onto the system clock', () => {
    const state = forLease(INITIAL_RENEWAL, LEASE, OPTIONS, half)
    // the system clock runs 50 s behind the trusted estimate
    expect(nextAttemptAt(state, LEASE, LEASE.ren - 1000, LEASE.ren - 1050)).toBe(LEASE.ren - 50 + 450)
    expect(nextAttemptAt(state, LEASE, LEASE.ren + 5000, 42)).toBe(42)
    expect(nextAttemptAt({ ...state, notBefore: 99 }, null, 0, 42)).toBe(99)
  })
})
