import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { AuditHasher } from './admin.js'
import { dialects, useStorage } from './test-support/databases.js'
import { newDevice, newLease, seedLicense, T0, uid } from './test-support/seed.js'

const sha256: AuditHasher = (r) => createHash('sha256').update(JSON.stringify(r)).digest('hex')

/** Every test here uses two Storage instances on one database: two pools (PostgreSQL, a stand-in for two replicas) or two connections to one file (SQLite). */
describe.each(dialects)('atomicity under concurrency on %s', (dialect) => {
  const ctx = useStorage(dialect)
  const pair = async () => [ctx.s, await ctx.fx.open()] as const

  it('100 concurrent activations of distinct devices on a 5-seat license → exactly 5 seats', async () => {
    const [a, b] = await pair()
    const license = await seedLicense(a, { seats: 5 })
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? b : a).activateDevice({
          licenseId: license.id,
          device: newDevice(),
          maxSeats: 5,
          now: T0,
          lease: newLease(license),
        }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(5)
    expect(results.filter((r) => !r.ok && r.reason === 'SEATS_EXHAUSTED')).toHaveLength(95)
    expect(await a.countActiveDevices(license.id)).toBe(5)
    expect(await b.listLeases({ licenseId: license.id })).toHaveLength(5)
  })

  it('the same device activating 50 times at once takes one seat', async () => {
    const [a, b] = await pair()
    const license = await seedLicense(a, { seats: 2 })
    const device = newDevice()
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? b : a).activateDevice({
          licenseId: license.id,
          device,
          maxSeats: 2,
          now: T0 + i,
          lease: newLease(license),
        }),
      ),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(results.filter((r) => r.ok && !r.reused)).toHaveLength(1)
    expect(await a.countActiveDevices(license.id)).toBe(1)
  })

  it('activations racing releases never exceed the seats', async () => {
    const [a, b] = await pair()
    const license = await seedLicense(a, { seats: 3 })
    const devices = Array.from({ length: 30 }, () => newDevice())
    await Promise.all(
      devices.map(async (device, i) => {
        const s = i % 2 ? b : a
        const r = await s.activateDevice({
          licenseId: license.id,
          device,
          maxSeats: 3,
          now: T0,
          lease: newLease(license),
        })
        if (r.ok && i % 3 === 0)
          await s.deactivateDevice({ licenseId: license.id, deviceId: device.deviceId, now: T0 })
      }),
    )
    expect(await a.countActiveDevices(license.id)).toBeLessThanOrEqual(3)
  })

  it('consumeNonce returns true exactly once among 50 concurrent consumers', async () => {
    const [a, b] = await pair()
    const value = uid('nonce')
    await a.putNonce({ value, purpose: 'challenge', expiresAt: T0 + 60 })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? b : a).consumeNonce(value, 'challenge', T0)),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
  })

  it('rememberOnce admits a key exactly once among 50 concurrent callers', async () => {
    const [a, b] = await pair()
    const key = uid('jti')
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? b : a).rememberOnce(key, T0 + 60)),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
  })

  it('hitRateLimit counts 60 concurrent hits as 1..60 with no lost update', async () => {
    const [a, b] = await pair()
    const bucket = uid('ip')
    const counts = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? b : a).hitRateLimit(bucket, 60, T0)),
    )
    expect([...counts].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
  })

  it('50 concurrent audit appends form one gap-free hash chain', async () => {
    const [a, b] = await pair()
    const before = (await a.listAudit()).length
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? b : a).appendAudit(
          { at: T0 + i, actor: 'tok_1', action: 'license.create', target: `lic_${i}`, data: { i } },
          sha256,
        ),
      ),
    )
    const rows = await a.listAudit()
    expect(rows).toHaveLength(before + 50)
    rows.forEach((row, i) => {
      expect(row.seq).toBe(i + 1)
      expect(row.prevHash).toBe(i === 0 ? null : rows[i - 1]!.hash)
      const { hash, ...unhashed } = row
      expect(hash).toBe(sha256(unhashed))
    })
  })
})
