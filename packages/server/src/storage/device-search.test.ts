import { describe, expect, it } from 'vitest'
import { dialects, useStorage } from './test-support/databases.js'
import { newDevice, newLease, seedLicense, T0, uid } from './test-support/seed.js'

describe.each(dialects)('device search on %s', (dialect) => {
  const ctx = useStorage(dialect)

  it('finds devices by id prefix (exact case) or by license id, most recently seen first, paged', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const other = await seedLicense(s)
    const stem = uid('Dv')
    const ids = [`${stem}a`, `${stem}b`, `${stem}c`]
    for (const [i, id] of ids.entries()) {
      const lease = newLease(license, { issuedAt: T0 + i })
      const res = await s.activateDevice({
        licenseId: license.id,
        device: newDevice(id),
        maxSeats: 10,
        now: T0 + i,
        lease,
      })
      expect(res.ok).toBe(true)
    }
    // The same device key on a second license (one row per license).
    await s.activateDevice({
      licenseId: other.id,
      device: newDevice(ids[0]),
      maxSeats: 10,
      now: T0 + 50,
      lease: newLease(other, { issuedAt: T0 + 50 }),
    })
    await s.touchDevice({ licenseId: license.id, deviceId: ids[0]!, now: T0 + 10 })

    const byPrefix = await s.searchDevices({ search: stem })
    expect(byPrefix.map((d) => [d.licenseId, d.deviceId])).toEqual([
      [other.id, ids[0]],
      [license.id, ids[0]],
      [license.id, ids[2]],
      [license.id, ids[1]],
    ])
    expect(await s.countDevices({ search: stem })).toBe(4)
    expect(await s.searchDevices({ search: stem.toLowerCase() })).toEqual([])
    expect((await s.searchDevices({ search: stem, limit: 2, offset: 2 })).map((d) => d.deviceId)).toEqual([
      ids[2],
      ids[1],
    ])
    expect((await s.searchDevices({ search: license.id })).map((d) => d.deviceId).sort()).toEqual(ids)
    expect(await s.countDevices({ search: stem, licenseId: other.id })).toBe(1)
    await s.revokeDevice({ licenseId: license.id, deviceId: ids[1]!, reason: 'stolen', now: T0 + 20 })
    expect((await s.searchDevices({ search: stem, status: 'revoked' })).map((d) => d.deviceId)).toEqual([
      ids[1],
    ])

    const everywhere = await s.findDevice(ids[0]!)
    expect(everywhere.map((d) => [d.licenseId, d.lastSeenAt])).toEqual([
      [other.id, T0 + 50],
      [license.id, T0 + 10],
    ])
    expect(await s.findDevice('nope')).toEqual([])
  })

  it('matches a prefix in byte order: wildcards are literal, case and accents count, the prefix itself matches', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const stem = uid('Px')
    const ids = [stem, `${stem}_Z`, `${stem}%`, `${stem}é`, `${stem}e`, `${stem.slice(0, -1)}~`]
    for (const [i, id] of ids.entries()) {
      await s.activateDevice({
        licenseId: license.id,
        device: newDevice(id),
        maxSeats: 10,
        now: T0 + i,
        lease: newLease(license, { issuedAt: T0 + i }),
      })
    }
    const found = async (q: string) => (await s.searchDevices({ search: q })).map((d) => d.deviceId).sort()
    expect(await found(stem)).toEqual(ids.slice(0, 5).sort())
    expect(await found(`${stem}_`)).toEqual([`${stem}_Z`])
    expect(await found(`${stem}%`)).toEqual([`${stem}%`])
    expect(await found(`${stem}é`)).toEqual([`${stem}é`])
    expect(await found(`${stem}E`)).toEqual([])
    expect(await s.countDevices({ search: `${stem}_` })).toBe(1)
  })
})
