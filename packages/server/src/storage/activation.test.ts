import { describe, expect, it } from 'vitest'
import { isStorageError } from './errors.js'
import { dialects, useStorage } from './test-support/databases.js'
import { newDevice, newLease, seedLicense, T0 } from './test-support/seed.js'

describe.each(dialects)('activation, renewal and transfer on %s', (dialect) => {
  const ctx = useStorage(dialect)

  it('activates a device, records its lease, and re-activation reuses the seat', async () => {
    const { s } = ctx
    const license = await seedLicense(s, { seats: 1 })
    const device = newDevice()
    const first = await s.activateDevice({
      licenseId: license.id,
      device,
      maxSeats: 1,
      now: T0,
      lease: newLease(license),
    })
    if (!first.ok) throw new Error('expected ok')
    expect(first.reused).toBe(false)
    expect(first.device).toEqual({
      licenseId: license.id,
      ...device,
      status: 'active',
      revokedReason: null,
      activatedAt: T0,
      lastSeenAt: T0,
      deactivatedAt: null,
    })
    expect(first.lease).toMatchObject({ licenseId: license.id, deviceId: device.deviceId, revokedAt: null })
    const again = await s.activateDevice({
      licenseId: license.id,
      device,
      maxSeats: 1,
      now: T0 + 10,
      lease: newLease(license),
    })
    expect(again).toMatchObject({ ok: true, reused: true, device: { activatedAt: T0, lastSeenAt: T0 + 10 } })
    const other = await s.activateDevice({
      licenseId: license.id,
      device: newDevice(),
      maxSeats: 1,
      now: T0,
      lease: newLease(license),
    })
    expect(other).toEqual({ ok: false, reason: 'SEATS_EXHAUSTED' })
    expect(await s.countActiveDevices(license.id)).toBe(1)
    expect(await s.listLeases({ licenseId: license.id })).toHaveLength(2)
    expect(await s.getDevice(license.id, device.deviceId)).toMatchObject({ lastSeenAt: T0 + 10 })
    expect(await s.getDevice(license.id, 'dev_missing')).toBeUndefined()
  })

  it('refuses activation on a suspended license and for a revoked device; unknown license is NOT_FOUND', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const device = newDevice()
    await s.activateDevice({ licenseId: license.id, device, maxSeats: 5, now: T0, lease: newLease(license) })
    await s.revokeDevice({ licenseId: license.id, deviceId: device.deviceId, reason: 'stolen', now: T0 + 1 })
    const revoked = await s.activateDevice({
      licenseId: license.id,
      device,
      maxSeats: 5,
      now: T0 + 2,
      lease: newLease(license),
    })
    expect(revoked).toEqual({ ok: false, reason: 'DEVICE_REVOKED' })
    await s.setLicenseStatus(license.id, 'suspended')
    const suspended = await s.activateDevice({
      licenseId: license.id,
      device: newDevice(),
      maxSeats: 5,
      now: T0,
      lease: newLease(license),
    })
    expect(suspended).toEqual({ ok: false, reason: 'LICENSE_INACTIVE' })
    const missing = await s
      .activateDevice({
        licenseId: 'lic_missing',
        device: newDevice(),
        maxSeats: 5,
        now: T0,
        lease: newLease(license),
      })
      .catch((e) => e)
    expect(isStorageError(missing, 'STORAGE_NOT_FOUND')).toBe(true)
  })

  it('rolls the whole activation back when the lease cannot be recorded', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const device = newDevice()
    const err = await s
      .activateDevice({
        licenseId: license.id,
        device,
        maxSeats: 5,
        now: T0,
        lease: newLease(license, { policyVersion: 99 }),
      })
      .catch((e) => e)
    expect(isStorageError(err, 'STORAGE_NOT_FOUND')).toBe(true)
    expect(await s.getDevice(license.id, device.deviceId)).toBeUndefined()
  })

  it('renews only while license and device are active, touching last_seen_at', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const device = newDevice()
    await s.activateDevice({ licenseId: license.id, device, maxSeats: 5, now: T0, lease: newLease(license) })
    const renewed = await s.renewLease({
      licenseId: license.id,
      deviceId: device.deviceId,
      now: T0 + 100,
      lease: newLease(license),
    })
    expect(renewed).toMatchObject({ ok: true, device: { lastSeenAt: T0 + 100 } })
    await s.touchDevice({ licenseId: license.id, deviceId: device.deviceId, now: T0 + 200 })
    expect(await s.getDevice(license.id, device.deviceId)).toMatchObject({ lastSeenAt: T0 + 200 })
    const touchMissing = await s
      .touchDevice({ licenseId: license.id, deviceId: 'dev_missing', now: T0 })
      .catch((e) => e)
    expect(isStorageError(touchMissing, 'STORAGE_NOT_FOUND')).toBe(true)
    const unknown = await s.renewLease({
      licenseId: license.id,
      deviceId: 'dev_missing',
      now: T0,
      lease: newLease(license),
    })
    expect(unknown).toEqual({ ok: false, reason: 'DEVICE_INACTIVE' })
    await s.revokeLicense({ licenseId: license.id, reason: 'refund', now: T0 })
    const afterRevoke = await s.renewLease({
      licenseId: license.id,
      deviceId: device.deviceId,
      now: T0,
      lease: newLease(license),
    })
    expect(afterRevoke).toEqual({ ok: false, reason: 'LICENSE_INACTIVE' })
  })

  it('records transfers within the limit and cool-down, freeing the old seat', async () => {
    const { s } = ctx
    const license = await seedLicense(s, { seats: 1 })
    const [a, b] = [newDevice(), newDevice()]
    await s.activateDevice({
      licenseId: license.id,
      device: a,
      maxSeats: 1,
      now: T0,
      lease: newLease(license),
    })
    const limits = { maxTransfers: 2, cooldownSeconds: 100 }
    const t1 = await s.recordTransfer({
      licenseId: license.id,
      fromDeviceId: a.deviceId,
      now: T0 + 10,
      ...limits,
    })
    if (!t1.ok) throw new Error('expected ok')
    expect(t1.license).toMatchObject({ transfersUsed: 1, lastTransferAt: T0 + 10 })
    expect(t1.device.status).toBe('deactivated')
    expect(t1.revocations).toEqual([expect.objectContaining({ kind: 'lease', reason: 'transfer' })])
    expect(
      await s.activateDevice({
        licenseId: license.id,
        device: b,
        maxSeats: 1,
        now: T0 + 11,
        lease: newLease(license),
      }),
    ).toMatchObject({ ok: true })
    expect(
      await s.recordTransfer({ licenseId: license.id, fromDeviceId: b.deviceId, now: T0 + 50, ...limits }),
    ).toEqual({ ok: false, reason: 'TRANSFER_COOLDOWN', retryAt: T0 + 110 })
    expect(
      await s.recordTransfer({ licenseId: license.id, fromDeviceId: b.deviceId, now: T0 + 110, ...limits }),
    ).toMatchObject({ ok: true })
    expect(
      await s.recordTransfer({ licenseId: license.id, fromDeviceId: b.deviceId, now: T0 + 999, ...limits }),
    ).toEqual({ ok: false, reason: 'TRANSFER_LIMIT' })
    const unknown = await s
      .recordTransfer({
        licenseId: license.id,
        fromDeviceId: 'dev_missing',
        now: T0 + 999,
        maxTransfers: 9,
        cooldownSeconds: 0,
      })
      .catch((e) => e)
    expect(isStorageError(unknown, 'STORAGE_NOT_FOUND')).toBe(true)
    expect((await s.getLicense(license.id))?.transfersUsed).toBe(2) // the failed transfer was rolled back
  })

  it('a transfer and the new activation commit together inside transaction()', async () => {
    const { s } = ctx
    const license = await seedLicense(s, { seats: 1 })
    const [a, b] = [newDevice(), newDevice()]
    await s.activateDevice({
      licenseId: license.id,
      device: a,
      maxSeats: 1,
      now: T0,
      lease: newLease(license),
    })
    const result = await s.transaction(async (tx) => {
      const moved = await tx.recordTransfer({
        licenseId: license.id,
        fromDeviceId: a.deviceId,
        now: T0,
        maxTransfers: 3,
        cooldownSeconds: 0,
      })
      if (!moved.ok) return moved
      return tx.activateDevice({
        licenseId: license.id,
        device: b,
        maxSeats: 1,
        now: T0,
        lease: newLease(license),
      })
    })
    expect(result).toMatchObject({ ok: true, reused: false })
    expect((await s.listDevices(license.id, 'active')).map((d) => d.deviceId)).toEqual([b.deviceId])
  })
})
