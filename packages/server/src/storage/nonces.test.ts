import { describe, expect, it } from 'vitest'
import { isStorageError } from './errors.js'
import { dialects, fixture, useStorage } from './test-support/databases.js'
import { T0, uid } from './test-support/seed.js'

describe.each(dialects)('nonces, replay keys and rate limits on %s', (dialect) => {
  const ctx = useStorage(dialect)

  it('consumes a nonce once, only for its purpose and only before it expires', async () => {
    const { s } = ctx
    const value = uid('n')
    await s.putNonce({ value, purpose: 'challenge', expiresAt: T0 + 60 })
    expect(await s.consumeNonce(value, 'other', T0)).toBe(false)
    expect(await s.consumeNonce(value, 'challenge', T0 + 60)).toBe(false) // expired at T0+60
    expect(await s.consumeNonce(value, 'challenge', T0 + 59)).toBe(true)
    expect(await s.consumeNonce(value, 'challenge', T0)).toBe(false)
    expect(await s.consumeNonce(uid('n'), 'challenge', T0)).toBe(false)
    const dup = uid('n')
    await s.putNonce({ value: dup, purpose: 'challenge', expiresAt: T0 + 60 })
    const err = await s.putNonce({ value: dup, purpose: 'challenge', expiresAt: T0 + 60 }).catch((e) => e)
    expect(isStorageError(err, 'STORAGE_CONFLICT')).toBe(true)
  })

  it('remembers a key once, separately from nonces', async () => {
    const { s } = ctx
    const key = uid('jti')
    expect(await s.rememberOnce(key, T0 + 60)).toBe(true)
    expect(await s.rememberOnce(key, T0 + 60)).toBe(false)
    expect(await s.consumeNonce(key, '~remembered', T0)).toBe(false)
    await s.putNonce({ value: key, purpose: 'challenge', expiresAt: T0 + 60 })
    expect(await s.consumeNonce(key, 'challenge', T0)).toBe(true)
  })

  it('counts hits per fixed window and starts over in the next window', async () => {
    const { s } = ctx
    const bucket = uid('ip')
    const w = 60
    const start = Math.floor(T0 / w) * w
    expect(await s.hitRateLimit(bucket, w, start)).toBe(1)
    expect(await s.hitRateLimit(bucket, w, start + 59)).toBe(2)
    expect(await s.hitRateLimit(bucket, w, start + 60)).toBe(1)
    expect(await s.hitRateLimit(bucket, w, start + 30)).toBe(2) // a late (skewed) hit counts in the current window
    expect(await s.hitRateLimit(uid('ip'), w, start)).toBe(1)
    const err = await s.hitRateLimit(bucket, 0, start).catch((e) => e)
    expect(isStorageError(err, 'STORAGE_INVALID')).toBe(true)
  })

  it('prunes expired nonces, remembered keys and ended rate-limit windows', async () => {
    const fx = await fixture(dialect)
    try {
      const s = await fx.open()
      await s.putNonce({ value: 'old', purpose: 'p', expiresAt: T0 })
      await s.putNonce({ value: 'new', purpose: 'p', expiresAt: T0 + 100 })
      await s.rememberOnce('old-key', T0)
      await s.hitRateLimit('bucket', 60, T0 - 120)
      expect(await s.pruneNonces(T0)).toBe(3)
      expect(await s.rememberOnce('old-key', T0 + 200)).toBe(true)
      expect(await s.consumeNonce('new', 'p', T0)).toBe(true)
      expect(await s.pruneNonces(T0)).toBe(0)
    } finally {
      await fx.cleanup()
    }
  })
})
