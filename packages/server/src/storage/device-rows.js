import { fromJson } from './context.js';
import { StorageError } from './errors.js';
import { insertRevocation } from './revocation-queries.js';
export const toDevice = (r) => ({
    licenseId: r.license_id,
    deviceId: r.device_id,
    publicJwk: fromJson(r.public_jwk),
    fingerprint: fromJson(r.fingerprint),
    status: r.status,
    revokedReason: r.revoked_reason,
    activatedAt: r.activated_at,
    lastSeenAt: r.last_seen_at,
    deactivatedAt: r.deactivated_at,
});
export const toLease = (r) => ({
    jti: r.jti,
    licenseId: r.license_id,
    deviceId: r.device_id,
    policyId: r.policy_id,
    policyVersion: r.policy_version,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
});
export const deviceNotFound = () => new StorageError('STORAGE_NOT_FOUND', 'device not found');
export const licenseNotFound = () => new StorageError('STORAGE_NOT_FOUND', 'license not found');
export function findDeviceRow(tx, licenseId, deviceId) {
    return tx.db
        .selectFrom('devices')
        .selectAll()
        .where('license_id', '=', licenseId)
        .where('device_id', '=', deviceId)
        .executeTakeFirst();
}
export async function insertLease(tx, licenseId, deviceId, lease) {
    const row = {
        jti: lease.jti,
        license_id: licenseId,
        device_id: deviceId,
        policy_id: lease.policyId,
        policy_version: lease.policyVersion,
        issued_at: lease.issuedAt,
        expires_at: lease.expiresAt,
        revoked_at: null,
    };
    await tx.db.insertInto('leases').values(row).execute();
    return toLease(row);
}
/**
 * Marks the device's unexpired, unrevoked leases revoked at `now`. With `publish`, each also gets a
 * `lease` revocation entry, because the device did not surrender them and may still be offline.
 */
export async function revokeOpenLeases(tx, device, publish) {
    const open = await tx.db
        .selectFrom('leases')
        .select('jti')
        .where('license_id', '=', device.licenseId)
        .where('device_id', '=', device.deviceId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', device.now)
        .orderBy('issued_at')
        .orderBy('jti')
        .execute();
    if (open.length === 0)
        return [];
    const jtis = open.map((r) => r.jti);
    await tx.db.updateTable('leases').set({ revoked_at: device.now }).where('jti', 'in', jtis).execute();
    if (!publish)
        return [];
    const revocations = [];
    for (const jti of jtis) {
        revocations.push(await insertRevocation(tx, {
            kind: 'lease',
            targetId: jti,
            licenseId: device.licenseId,
            productId: publish.productId,
            reason: publish.reason,
            createdAt: device.now,
        }));
    }
    return revocations;
}
/** Sets the device's status and returns the updated device. */
export async function setDeviceStatus(tx, ref, status, revokedReason = null) {
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
        .executeTakeFirst();
    if (!row)
        throw deviceNotFound();
    return toDevice(row);
}
//# sourceMappingURL=device-rows.js.map