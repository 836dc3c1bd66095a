import { describe, expect, it } from 'vitest'
import { WindowCounter } from './window-counter.js'

describe('WindowCounter', () => {
  it('counts per bucket within a window and starts again in the next one', () => {
    const c = new WindowCounter(60)
    expect([c.hit('a', 120), c.hit('a', 150), c.hit('b', 179), c.hit('a', 179)]).toEqual([1, 2, 1, 3])
    expect(c.hit('a', 180)).toBe(1)
    expect(c.hit('a', 175)).toBe(2) // stamped before the stored window: counts in it, no reset
  })

  it('keeps at most maxBuckets counters: past windows go first, then the oldest', () => {
    const c = new WindowCounter(60, 3)
    c.hit('old1', 0)
    c.hit('old2', 0)
    c.hit('cur', 60)
    c.hit('cur', 61)
    c.hit('new', 62) // full: both past-window counters are dropped
    expect(c.size).toBe(2)
    expect(c.hit('cur', 63)).toBe(3)
    c.hit('x', 64)
    c.hit('y', 65) // full with current-window counters only: the oldest one ('cur') goes
    expect(c.size).toBe(3)
    expect(c.hit('cur', 66)).toBe(1)
  })

  it('refuses a window that is not a positive integer', () => {
    expect(() => new WindowCounter(0)).toThrow(RangeError)
    expect(() => new WindowCounter(1.5)).toThrow(RangeError)
  })
})
