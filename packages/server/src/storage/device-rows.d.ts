import type { EpochSeconds } from './common-types.js';
import { type Ctx } from './context.js';
import type { Device, DeviceStatus, Lease, NewLease } from './devices.js';
import { StorageError } from './errors.js';
import type { Revocation } from './licenses.js';
import type { DeviceRow, LeaseRow } from './schema.js';
export declare const toDevice: (r: DeviceRow) => Device;
export declare const toLease: (r: LeaseRow) => Lease;
export declare const deviceNotFound: () => StorageError;
export declare const licenseNotFound: () => StorageError;
export declare function findDeviceRow(tx: Ctx, licenseId: string, deviceId: string): Promise<{
    status: string;
    fingerprint: string;
    revoked_reason: string | null;
    license_id: string;
    device_id: string;
    public_jwk: string;
    activated_at: number;
    last_seen_at: number;
    deactivated_at: number | null;
} | undefined>;
export declare function insertLease(tx: Ctx, licenseId: string, deviceId: string, lease: NewLease): Promise<Lease>;
/**
 * Marks the device's unexpired, unrevoked leases revoked at `now`. With `publish`, each also gets a
 * `lease` revocation entry, because the device did not surrender them and may still be offline.
 */
export declare function revokeOpenLeases(tx: Ctx, device: {
    licenseId: string;
    deviceId: string;
    now: EpochSeconds;
}, publish?: {
    productId: string;
    reason: string;
}): Promise<Revocation[]>;
/** Sets the device's status and returns the updated device. */
export declare function setDeviceStatus(tx: Ctx, ref: {
    licenseId: string;
    deviceId: string;
    now: EpochSeconds;
}, status: Exclude<DeviceStatus, 'active'>, revokedReason?: string | null): Promise<Device>;
//# sourceMappingURL=device-rows.d.ts.map