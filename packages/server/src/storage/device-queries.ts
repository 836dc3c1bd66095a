import { activationQueries } from './activation-queries.js'
import { affected, type Ctx, lockLicense } from './context.js'
import {
  deviceNotFound,
  findDeviceRow,
  licenseNotFound,
  revokeOpenLeases,
  setDeviceStatus,
  toDevice,
  toLease,
} from './device-rows.js'
import { deviceSearchQueries } from './device-search-queries.js'
import type { DeviceStorage } from './devices.js'
import { StorageError } from './errors.js'
import { findRevocation, insertRevocation } from './revocation-queries.js'

export function deviceQueries(ctx: Ctx): DeviceStorage {
  return {
    ...activationQueries(ctx),
    ...deviceSearchQueries(ctx),
    getDevice: (licenseId, deviceId) =>
      ctx.read(async () => {
        const row = await findDeviceRow(ctx, licenseId, deviceId)
        return row && toDevice(row)
      }),
    listDevices: (licenseId, status) =>
      ctx.read(async (db) => {
        const rows = await db
          .selectFrom('devices')
          .selectAll()
          .where('license_id', '=', licenseId)
          .$if(status !== undefined, (q) => q.where('status', '=', status as string))
          .orderBy('activated_at')
          .orderBy('device_id')
          .execute()
        return rows.map(toDevice)
      }),
    countActiveDevices: (licenseId) =>
      ctx.read(async (db) => {
        const row = await db
          .selectFrom('devices')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('license_id', '=', licenseId)
          .where('status', '=', 'active')
          .executeTakeFirst()
        return Number(row?.n ?? 0)
      }),
    async touchDevice({ licenseId, deviceId, now }) {
      const res = await ctx.write((db) =>
        db
          .updateTable('devices')
          .set({ last_seen_at: now })
          .where('license_id', '=', licenseId)
          .where('device_id', '=', deviceId)
          .executeTakeFirst(),
      )
      if (affected(res.numUpdatedRows) === 0) throw deviceNotFound()
    },
    deactivateDevice: (ref) =>
      ctx.atomic(async (tx) => {
        if (!(await lockLicense(tx, ref.licenseId))) throw licenseNotFound()
        const row = await findDeviceRow(tx, ref.licenseId, ref.deviceId)
        if (!row) throw deviceNotFound()
        return row.status === 'active' ? setDeviceStatus(tx, ref, 'deactivated') : toDevice(row)
      }),
    releaseSeat: (input) =>
      ctx.atomic(async (tx) => {
        const license = await lockLicense(tx, input.licenseId)
        if (!license) throw licenseNotFound()
        const row = await findDeviceRow(tx, input.licenseId, input.deviceId)
        if (!row) throw deviceNotFound()
        if (row.status !== 'active') return { device: toDevice(row), revocations: [] }
        const device = await setDeviceStatus(tx, input, 'deactivated')
        const revocations = await revokeOpenLeases(tx, input, {
          productId: license.product_id,
          reason: input.reason,
        })
        return { device, revocations }
      }),
    revokeDevice: (input) =>
      ctx.atomic(async (tx) => {
        const license = await lockLicense(tx, input.licenseId)
        if (!license) throw licenseNotFound()
        const row = await findDeviceRow(tx, input.licenseId, input.deviceId)
        if (!row) throw deviceNotFound()
        if (row.status === 'revoked') {
          const existing = await findRevocation(tx, 'device', input.licenseId, input.deviceId)
          if (existing) return existing
        }
        await setDeviceStatus(tx, input, 'revoked', input.reason)
        // The device entry covers its leases: mark them, do not publish one entry each.
        await revokeOpenLeases(tx, input)
        return insertRevocation(tx, {
          kind: 'device',
          targetId: input.deviceId,
          licenseId: input.licenseId,
          productId: license.product_id,
          reason: input.reason,
          createdAt: input.now,
        })
      }),
    getLease: (jti) =>
      ctx.read(async (db) => {
        const row = await db.selectFrom('leases').selectAll().where('jti', '=', jti).executeTakeFirst()
        return row && toLease(row)
      }),
    listLeases: ({ licenseId, deviceId, limit }) =>
      ctx.read(async (db) => {
        const rows = await db
          .selectFrom('leases')
          .selectAll()
          .where('license_id', '=', licenseId)
          .$if(deviceId !== undefined, (q) => q.where('device_id', '=', deviceId as string))
          .orderBy('issued_at', 'desc')
          .orderBy('jti', 'desc')
          .$if(limit !== undefined, (q) => q.limit(Math.max(Math.trunc(limit as number), 0)))
          .execute()
        return rows.map(toLease)
      }),
    revokeLease: ({ jti, reason, now }) =>
      ctx.atomic(async (tx) => {
        const lease = await tx.db.selectFrom('leases').selectAll().where('jti', '=', jti).executeTakeFirst()
        if (!lease) throw new StorageError('STORAGE_NOT_FOUND', 'lease not found')
        const license = await lockLicense(tx, lease.license_id)
        if (!license) throw licenseNotFound()
        const existing = await findRevocation(tx, 'lease', lease.license_id, jti)
        if (existing) return existing
        await tx.db.updateTable('leases').set({ revoked_at: now }).where('jti', '=', jti).execute()
        return insertRevocation(tx, {
          kind: 'lease',
          targetId: jti,
          licenseId: lease.license_id,
          productId: license.product_id,
          reason,
          createdAt: now,
        })
      }),
  }
}
