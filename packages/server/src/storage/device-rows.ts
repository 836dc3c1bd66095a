import type { EpochSeconds, JsonObject } from './common-types.js'
import { type Ctx, fromJson } from './context.js'
import type { Device, DeviceStatus, Lease, NewLease } from './devices.js'
import { StorageError } from './errors.js'
import type { Revocation } from './licenses.js'
import { insertRevocation } from './revocation-queries.js'
import type { DeviceRow, LeaseRow } from './schema.js'

export const toDevice = (r: DeviceRow): Device => ({
  licenseId: r.license_id,
  deviceId: r.device_id,
  publicJwk: fromJson<JsonObject>(r.public_jwk),
  fingerprint: fromJson<string[]>(r.fingerprint),
  status: r.status as DeviceStatus,
  revokedReason: r.revoked_reason,
  activatedAt: r.activated_at,
  lastSeenAt: r.last_seen_at,
  deactivatedAt: r.deactivated_at,
})

export const toLease = (r: LeaseRow): Lease => ({
  jti: r.jti,
  licenseId: r.license_id,
  deviceId: r.device_id,
  policyId: r.policy_id,
  policyVersion: r.policy_version,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
})

export const deviceNotFound = () => new StorageError('STORAGE_NOT_FOUND', 'device not found')
export const licenseNotFound = () => new StorageError('STORAGE_NOT_FOUND', 'license not found')

export function findDeviceRow(tx: Ctx, licenseId: string, deviceId: string) {
  return tx.db
    .selectFrom('devices')
    .selectAll()
    .where('license_id', '=', licenseId)
    .where('device_id', '=', deviceId)
    .executeTakeFirst()
}

export async function insertLease(
  tx: Ctx,
  licenseId: string,
  deviceId: string,
  lease: NewLease,
): Promise<Lease> {
  const row: LeaseRow = {
    jti: lease.jti,
    license_id: licenseId,
    device_id: deviceId,
    policy_id: lease.policyId,
    policy_version: lease.policyVersion,
    issued_at: lease.issuedAt,
    expires_at: lease.expiresAt,
    revoked_at: null,
  }
  await tx.db.insertInto('leases').values(row).execute()
  return toLease(row)
}

/**
 * Marks the device's unexpired, unrevoked leases revoked at `now`. With `publish`, each also gets a
 * `lease` revocation entry, because the device did not surrender them and may still be offline.
 */
export async function revokeOpenLeases(
  tx: Ctx,
  device: { licenseId: string; deviceId: string; now: EpochSeconds },
  publish?: { productId: string; reason: string },
): Promise<Revocation[]> {
  const open = await tx.db
    .selectFrom('leases')
    .select('jti')
    .where('license_id', '=', device.licenseId)
    .where('device_id', '=', device.deviceId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', device.now)
    .orderBy('issued_at')
    .orderBy('jti')
    .execute()
  if (open.length === 0) return []
  const jtis = open.map((r) => r.jti)
  await tx.db.updateTable('leases').set({ revoked_at: device.now }).where('jti', 'in', jtis).execute()
  if (!publish) return []
  const revocations: Revocation[] = []
  for (const jti of jtis) {
    revocations.push(
      await insertRevocation(tx, {
        kind: 'lease',
        targetId: jti,
        licenseId: device.licenseId,
        productId: publish.productId,
        reason: publish.reason,
        createdAt: device.now,
      }),
    )
  }
  return revocations
}

/** Sets the device's status and returns the updated device. */
export async function setDeviceStatus(
  tx: Ctx,
  ref: { licenseId: string; deviceId: string; now: EpochSeconds },
  status: Exclude<DeviceStatus, 'active'>,
  revokedReason: string | null = null,
): Promise<Device> {
  const row = await tx.db
    .updateTable('devices')
    .set((eb) => ({
      status,
      revoked_reason: revokedReason,
      deactivated_at: eb.fn.coalesce('deactivated_at', eb.val(ref.now)),
    }))
    .where('license_id', '=', ref.licenseId)
    .where('device_id', '=', ref.deviceId)
    .returningAll()
    .executeTakeFirst()
  if (!row) throw deviceNotFound()
  return toDevice(row)
}
