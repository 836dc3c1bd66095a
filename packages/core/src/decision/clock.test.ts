import { describe, expect, it } from 'vitest'
import { DAY, T0 } from '../test-support/factory.js'
import { assessClock, observeFreshTime, observeTrustedTime } from './clock.js'

const anchored = { trustedTime: T0, trustedAt: T0, highWater: T0 + 3 * DAY }

describe('clock marks', () => {
  it('a receipt no newer than the trusted time never re-anchors: a replay cannot freeze the clock', () => {
    const next = observeTrustedTime(anchored, T0, T0 + 3 * DAY)
    expect(next).toEqual({ ...anchored, highWater: T0 + 3 * DAY })
    expect(assessClock(T0 + 3 * DAY, next, 300).time).toBe(T0 + 3 * DAY)
  })

  it('a fresh (nonce-bound) time equal to the trusted time re-anchors a clock that jumped forward', () => {
    const next = observeFreshTime(anchored, T0, T0 + 3 * DAY)
    expect(next).toEqual({ trustedTime: T0, trustedAt: T0 + 3 * DAY, highWater: T0 + 3 * DAY })
    expect(assessClock(T0 + 3 * DAY + 10, next, 300).time).toBe(T0 + 10)
  })

  it('a fresh time older than the trusted time never moves trusted time back', () => {
    const next = observeFreshTime(anchored, T0 - 60, T0 + 3 * DAY + 5)
    expect(next).toEqual({ ...anchored, highWater: T0 + 3 * DAY + 5 })
  })
})
