import { describe, expect, it } from 'vitest'
import { isStorageError } from './errors.js'
import { dialects, useStorage } from './test-support/databases.js'
import { newDevice, newLease, seedLicense, T0 } from './test-support/seed.js'

describe.each(dialects)('deactivation, release, revocation and leases on %s', (dialect) => {
  const ctx = useStorage(dialect)

  it('deactivates (user) without publishing, idempotently, and the device may come back', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const device = newDevice()
    await s.activateDevice({ licenseId: license.id, device, maxSeats: 1, now: T0, lease: newLease(license) })
    const seqBefore = await s.latestRevocationSeq(license.productId)
    const off = await s.deactivateDevice({ licenseId: license.id, deviceId: device.deviceId, now: T0 + 5 })
    expect(off).toMatchObject({ status: 'deactivated', deactivatedAt: T0 + 5 })
    expect(
      await s.deactivateDevice({ licenseId: license.id, deviceId: device.deviceId, now: T0 + 9 }),
    ).toEqual(off)
    expect(await s.latestRevocationSeq(license.productId)).toBe(seqBefore)
    expect(await s.listDevices(license.id, 'active')).toEqual([])
    expect(await s.listDevices(license.id)).toEqual([off])
    const back = await s.activateDevice({
      licenseId: license.id,
      device,
      maxSeats: 1,
      now: T0 + 20,
      lease: newLease(license),
    })
    expect(back).toMatchObject({
      ok: true,
      reused: false,
      device: { status: 'active', activatedAt: T0 + 20, deactivatedAt: null },
    })
    const missing = await s
      .deactivateDevice({ licenseId: license.id, deviceId: 'dev_missing', now: T0 })
      .catch((e) => e)
    expect(isStorageError(missing, 'STORAGE_NOT_FOUND')).toBe(true)
  })

  it('releases a seat (operator): unexpired leases revoked and published, expired ones left alone', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const device = newDevice()
    const now = T0 + 1000
    const act = await s.activateDevice({
      licenseId: license.id,
      device,
      maxSeats: 5,
      now: T0,
      lease: newLease(license, { expiresAt: T0 + 10 }),
    })
    const live = await s.renewLease({
      licenseId: license.id,
      deviceId: device.deviceId,
      now: T0,
      lease: newLease(license),
    })
    if (!act.ok || !live.ok) throw new Error('setup')
    const released = await s.releaseSeat({
      licenseId: license.id,
      deviceId: device.deviceId,
      reason: 'seat freed',
      now,
    })
    expect(released.device).toMatchObject({ status: 'deactivated', deactivatedAt: now })
    expect(released.revocations).toEqual([
      expect.objectContaining({ kind: 'lease', targetId: live.lease.jti, reason: 'seat freed' }),
    ])
    expect(await s.getLease(live.lease.jti)).toMatchObject({ revokedAt: now })
    expect(await s.getLease(act.lease.jti)).toMatchObject({ revokedAt: null })
    expect(
      await s.releaseSeat({ licenseId: license.id, deviceId: device.deviceId, reason: 'x', now }),
    ).toEqual({ device: released.device, revocations: [] })
  })

  it('revokes a device once: status, leases and one device entry', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const device = newDevice()
    const act = await s.activateDevice({
      licenseId: license.id,
      device,
      maxSeats: 5,
      now: T0,
      lease: newLease(license),
    })
    if (!act.ok) throw new Error('setup')
    const rev = await s.revokeDevice({
      licenseId: license.id,
      deviceId: device.deviceId,
      reason: 'cloned',
      now: T0 + 3,
    })
    expect(rev).toMatchObject({
      kind: 'device',
      targetId: device.deviceId,
      licenseId: license.id,
      reason: 'cloned',
    })
    expect(await s.getDevice(license.id, device.deviceId)).toMatchObject({
      status: 'revoked',
      revokedReason: 'cloned',
      deactivatedAt: T0 + 3,
    })
    expect(await s.getLease(act.lease.jti)).toMatchObject({ revokedAt: T0 + 3 })
    expect(
      await s.revokeDevice({
        licenseId: license.id,
        deviceId: device.deviceId,
        reason: 'again',
        now: T0 + 9,
      }),
    ).toEqual(rev)
    const missing = await s
      .revokeDevice({ licenseId: license.id, deviceId: 'dev_missing', reason: 'x', now: T0 })
      .catch((e) => e)
    expect(isStorageError(missing, 'STORAGE_NOT_FOUND')).toBe(true)
  })

  it('gets, lists and revokes single leases (idempotent)', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const device = newDevice()
    const act = await s.activateDevice({
      licenseId: license.id,
      device,
      maxSeats: 5,
      now: T0,
      lease: newLease(license, { issuedAt: T0 }),
    })
    const ren = await s.renewLease({
      licenseId: license.id,
      deviceId: device.deviceId,
      now: T0,
      lease: newLease(license, { issuedAt: T0 + 1 }),
    })
    if (!act.ok || !ren.ok) throw new Error('setup')
    expect(await s.getLease(act.lease.jti)).toEqual(act.lease)
    expect(await s.getLease('lea_missing')).toBeUndefined()
    expect(await s.listLeases({ licenseId: license.id, deviceId: device.deviceId })).toEqual([
      ren.lease,
      act.lease,
    ])
    expect(await s.listLeases({ licenseId: license.id, deviceId: 'dev_other' })).toEqual([])
    const rev = await s.revokeLease({ jti: act.lease.jti, reason: 'leaked', now: T0 + 5 })
    expect(rev).toMatchObject({
      kind: 'lease',
      targetId: act.lease.jti,
      licenseId: license.id,
      productId: license.productId,
    })
    expect(await s.getLease(act.lease.jti)).toMatchObject({ revokedAt: T0 + 5 })
    expect(await s.revokeLease({ jti: act.lease.jti, reason: 'again', now: T0 + 6 })).toEqual(rev)
    const missing = await s.revokeLease({ jti: 'lea_missing', reason: 'x', now: T0 }).catch((e) => e)
    expect(isStorageError(missing, 'STORAGE_NOT_FOUND')).toBe(true)
    const dupJti = await s
      .renewLease({
        licenseId: license.id,
        deviceId: device.deviceId,
        now: T0,
        lease: newLease(license, { jti: act.lease.jti }),
      })
      .catch((e) => e)
    expect(isStorageError(dupJti, 'STORAGE_CONFLICT')).toBe(true)
  })
})
