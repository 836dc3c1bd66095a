import { describe, expect, it } from 'vitest'
import { isStorageError } from './errors.js'
import type { TelemetryEvent } from './telemetry.js'
import { dialects, useStorage } from './test-support/databases.js'
import { newDevice, newLease, seedLicense, T0, uid } from './test-support/seed.js'

describe.each(dialects)('dashboard aggregates on %s', (dialect) => {
  const ctx = useStorage(dialect)

  const activate = async (licenseId: string, policyId: string, now: number) => {
    const device = newDevice()
    const lease = { jti: uid('lea'), policyId, policyVersion: 1, issuedAt: now, expiresAt: now + 86_400 }
    const res = await ctx.s.activateDevice({ licenseId, device, maxSeats: 10, now, lease })
    if (!res.ok) throw new Error(res.reason)
    return device.deviceId
  }

  it('counts active seats of licenses that are not revoked', async () => {
    const { s } = ctx
    const before = await s.countActiveSeats()
    const license = await seedLicense(s)
    const other = await seedLicense(s)
    const [d1] = [
      await activate(license.id, license.policyId, T0),
      await activate(license.id, license.policyId, T0),
    ]
    await activate(other.id, other.policyId, T0)
    expect(await s.countActiveSeats()).toBe(before + 3)
    await s.deactivateDevice({ licenseId: license.id, deviceId: d1!, now: T0 + 1 })
    expect(await s.countActiveSeats()).toBe(before + 2)
    await s.revokeLicense({ licenseId: other.id, reason: 'refund', now: T0 + 2 })
    expect(await s.countActiveSeats()).toBe(before + 1)
  })

  it('lists active seats last seen before a time, oldest first, with the license policy, bounded', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const old = await activate(license.id, license.policyId, T0 - 5000)
    const older = await activate(license.id, license.policyId, T0 - 9000)
    await activate(license.id, license.policyId, T0)
    const gone = await activate(license.id, license.policyId, T0 - 9500)
    await s.deactivateDevice({ licenseId: license.id, deviceId: gone, now: T0 })
    const mine = (await s.listStaleSeats({ lastSeenBefore: T0 - 1000, limit: 10_000 })).filter(
      (x) => x.licenseId === license.id,
    )
    expect(mine).toEqual([
      { licenseId: license.id, policyId: license.policyId, deviceId: older, lastSeenAt: T0 - 9000 },
      { licenseId: license.id, policyId: license.policyId, deviceId: old, lastSeenAt: T0 - 5000 },
    ])
    expect(await s.listStaleSeats({ lastSeenBefore: T0 - 1000, limit: 1 })).toHaveLength(1)
  })

  it('counts leases issued in [from, to) and lists a license policy’s licenses and newest leases', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const before = await s.countLeasesIssued({ from: T0 + 100, to: T0 + 200 })
    const device = await activate(license.id, license.policyId, T0 + 100)
    await s.renewLease({
      licenseId: license.id,
      deviceId: device,
      now: T0 + 150,
      lease: newLease(license, { issuedAt: T0 + 150 }),
    })
    await s.renewLease({
      licenseId: license.id,
      deviceId: device,
      now: T0 + 200,
      lease: newLease(license, { issuedAt: T0 + 200 }),
    })
    expect(await s.countLeasesIssued({ from: T0 + 100, to: T0 + 200 })).toBe(before + 2)
    const newest = await s.listLeases({ licenseId: license.id, limit: 2 })
    expect(newest.map((l) => l.issuedAt)).toEqual([T0 + 200, T0 + 150])
    const sibling = await seedLicense(s, { productId: license.productId, policyId: license.policyId })
    await seedLicense(s, { productId: license.productId })
    const ofPolicy = await s.listLicenses({ policyId: license.policyId })
    expect(ofPolicy.map((l) => l.id).sort()).toEqual([license.id, sibling.id].sort())
    expect(await s.countLicenses({ policyId: license.policyId })).toBe(2)
  })

  it('counts telemetry by a data field and bins a numeric field into a histogram', async () => {
    const { s } = ctx
    const productId = uid('prd')
    let n = 0
    const event = (type: string, at: number, data: TelemetryEvent['data']): TelemetryEvent => ({
      id: uid(`evt${++n}`),
      deviceHash: 'dh',
      productId,
      type,
      at,
      data,
      receivedAt: T0,
    })
    await s.insertTelemetry([
      event('anomaly', T0, { code: 'CLOCK_ROLLBACK' }),
      event('anomaly', T0 + 1, { code: 'CLOCK_ROLLBACK' }),
      event('anomaly', T0 + 2, { code: 'STORE_TAMPERED' }),
      event('anomaly', T0 + 3, {}),
      event('anomaly', T0 + 99, { code: 'LATE' }),
      event('offline', T0, { seconds: 10 }),
      event('offline', T0, { seconds: 3600 }),
      event('offline', T0, { seconds: 7199.5 }),
      event('offline', T0, { seconds: 1e9 }),
      event('offline', T0, { seconds: 'long' }),
      event('offline', T0, { seconds: -5 }),
    ])
    const range = { productId, from: T0, to: T0 + 10 }
    expect(await s.countTelemetryBy({ ...range, type: 'anomaly', field: 'code' })).toEqual([
      { value: 'CLOCK_ROLLBACK', count: 2 },
      { value: null, count: 1 },
      { value: 'STORE_TAMPERED', count: 1 },
    ])
    expect(
      await s.telemetryHistogram({ ...range, type: 'offline', field: 'seconds', edges: [0, 3600, 7200] }),
    ).toEqual([1, 2, 1])
    expect(await s.telemetryHistogram({ ...range, type: 'none', field: 'seconds', edges: [0] })).toEqual([0])
    for (const bad of [
      s.telemetryHistogram({ ...range, type: 'offline', field: 'seconds', edges: [5, 1] }),
      s.telemetryHistogram({ ...range, type: 'offline', field: 'seconds', edges: [] }),
      s.countTelemetryBy({ ...range, type: 'anomaly', field: 'code; drop table x' }),
    ]) {
      expect(isStorageError(await bad.catch((e) => e), 'STORAGE_INVALID')).toBe(true)
    }
  })

  it('adds refused device requests per day and code (replicas add up) and sums a range of days', async () => {
    const { s } = ctx
    const day = 20_000 * 86_400
    await s.addRefusals([
      { day, code: 'PROOF_INVALID', count: 2 },
      { day, code: 'DEVICE_REVOKED', count: 1 },
      { day: day - 86_400, code: 'PROOF_INVALID', count: 4 },
      { day, code: 'NONCE_INVALID', count: 0 },
    ])
    await s.addRefusals([{ day, code: 'PROOF_INVALID', count: 3 }])
    await s.addRefusals([])
    expect(await s.countRefusals({ from: day, to: day + 86_400 })).toEqual([
      { code: 'PROOF_INVALID', count: 5 },
      { code: 'DEVICE_REVOKED', count: 1 },
    ])
    expect(await s.countRefusals({ from: day - 86_400, to: day + 86_400 })).toEqual([
      { code: 'PROOF_INVALID', count: 9 },
      { code: 'DEVICE_REVOKED', count: 1 },
    ])
    // Old days are dropped once a much newer day is written.
    await s.addRefusals([{ day: day + 40 * 86_400, code: 'RATE_LIMITED', count: 1 }])
    expect(await s.countRefusals({ from: day - 86_400, to: day + 86_400 })).toEqual([])
  })
})
