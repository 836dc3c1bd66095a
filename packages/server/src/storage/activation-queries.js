import { lockLicense, toJson } from './context.js';
import { findDeviceRow, insertLease, licenseNotFound, revokeOpenLeases, setDeviceStatus, toDevice, } from './device-rows.js';
import { toLicense } from './license-queries.js';
/**
 * The seat invariant. The license row lock (PostgreSQL `FOR UPDATE`; on SQLite the BEGIN IMMEDIATE
 * write lock) is taken before anything is read, so the active-device count cannot change between
 * the check and the insert, whichever replica or process runs the other activation.
 */
async function activate(tx, input) {
    const { licenseId, device, now } = input;
    const license = await lockLicense(tx, licenseId);
    if (!license)
        throw licenseNotFound();
    if (license.status !== 'active')
        return { ok: false, reason: 'LICENSE_INACTIVE' };
    const existing = await findDeviceRow(tx, licenseId, device.deviceId);
    if (existing?.status === 'revoked')
        return { ok: false, reason: 'DEVICE_REVOKED' };
    if (existing?.status === 'active') {
        const row = await tx.db
            .updateTable('devices')
            .set({ last_seen_at: now })
            .where('license_id', '=', licenseId)
            .where('device_id', '=', device.deviceId)
            .returningAll()
            .executeTakeFirstOrThrow();
        const lease = await insertLease(tx, licenseId, device.deviceId, input.lease);
        return { ok: true, device: toDevice(row), lease, reused: true };
    }
    const counted = await tx.db
        .selectFrom('devices')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('license_id', '=', licenseId)
        .where('status', '=', 'active')
        .executeTakeFirst();
    if (Number(counted?.n ?? 0) >= input.maxSeats)
        return { ok: false, reason: 'SEATS_EXHAUSTED' };
    const row = {
        license_id: licenseId,
        device_id: device.deviceId,
        public_jwk: toJson(device.publicJwk),
        fingerprint: toJson(device.fingerprint),
        status: 'active',
        revoked_reason: null,
        activated_at: now,
        last_seen_at: now,
        deactivated_at: null,
    };
    // A previously deactivated device comes back as a fresh activation of the same row.
    await tx.db
        .insertInto('devices')
        .values(row)
        .onConflict((oc) => oc.columns(['license_id', 'device_id']).doUpdateSet({
        public_jwk: row.public_jwk,
        fingerprint: row.fingerprint,
        status: 'active',
        revoked_reason: null,
        activated_at: now,
        last_seen_at: now,
        deactivated_at: null,
    }))
        .execute();
    const lease = await insertLease(tx, licenseId, device.deviceId, input.lease);
    return { ok: true, device: toDevice(row), lease, reused: false };
}
async function renew(tx, input) {
    const license = await lockLicense(tx, input.licenseId);
    if (!license)
        throw licenseNotFound();
    if (license.status !== 'active')
        return { ok: false, reason: 'LICENSE_INACTIVE' };
    const device = await findDeviceRow(tx, input.licenseId, input.deviceId);
    if (device?.status !== 'active')
        return { ok: false, reason: 'DEVICE_INACTIVE' };
    const row = await tx.db
        .updateTable('devices')
        .set({ last_seen_at: input.now })
        .where('license_id', '=', input.licenseId)
        .where('device_id', '=', input.deviceId)
        .returningAll()
        .executeTakeFirstOrThrow();
    const lease = await insertLease(tx, input.licenseId, input.deviceId, input.lease);
    return { ok: true, device: toDevice(row), lease };
}
async function transfer(tx, input) {
    const { licenseId, fromDeviceId, now } = input;
    const license = await lockLicense(tx, licenseId);
    if (!license)
        throw licenseNotFound();
    if (license.transfers_used >= input.maxTransfers)
        return { ok: false, reason: 'TRANSFER_LIMIT' };
    if (license.last_transfer_at !== null && now - license.last_transfer_at < input.cooldownSeconds) {
        return {
            ok: false,
            reason: 'TRANSFER_COOLDOWN',
            retryAt: license.last_transfer_at + input.cooldownSeconds,
        };
    }
    const existing = await findDeviceRow(tx, licenseId, fromDeviceId);
    const ref = { licenseId, deviceId: fromDeviceId, now };
    // A revoked device stays revoked; an active one gives its seat up. Unknown → STORAGE_NOT_FOUND.
    const device = existing && existing.status !== 'active'
        ? toDevice(existing)
        : await setDeviceStatus(tx, ref, 'deactivated');
    const revocations = await revokeOpenLeases(tx, ref, {
        productId: license.product_id,
        reason: input.reason ?? 'transfer',
    });
    const updated = await tx.db
        .updateTable('licenses')
        .set({ transfers_used: license.transfers_used + 1, last_transfer_at: now })
        .where('id', '=', licenseId)
        .returningAll()
        .executeTakeFirstOrThrow();
    return { ok: true, license: toLicense(updated), device, revocations };
}
export function activationQueries(ctx) {
    return {
        activateDevice: (input) => ctx.atomic((tx) => activate(tx, input)),
        renewLease: (input) => ctx.atomic((tx) => renew(tx, input)),
        recordTransfer: (input) => ctx.atomic((tx) => transfer(tx, input)),
    };
}
//# sourceMappingURL=activation-queries.js.map