import type { ServerContext } from '../../context.js';
import type { AdminToken } from '../../storage/index.js';
/**
 * Revokes a license for good: online devices lock at their next contact, offline ones at their
 * lease's grace end. Idempotent: revoking again answers the first revocation.
 */
export declare function revokeLicense(ctx: ServerContext, operator: AdminToken, id: string, reason: string): Promise<{
    revocation: {
        seq: number;
        kind: import("../../storage/licenses.js").RevocationKind;
        targetId: string;
        licenseId: string;
        productId: string;
        reason: string;
        createdAt: import("../../storage/common-types.js").EpochSeconds;
    };
}>;
/** The device may never come back on this license (stolen, cloned); its seat is freed. */
export declare function revokeDevice(ctx: ServerContext, operator: AdminToken, licenseId: string, deviceId: string, reason: string): Promise<{
    revocation: {
        seq: number;
        kind: import("../../storage/licenses.js").RevocationKind;
        targetId: string;
        licenseId: string;
        productId: string;
        reason: string;
        createdAt: import("../../storage/common-types.js").EpochSeconds;
    };
}>;
/**
 * Operator-side seat release (a lost or broken machine that cannot deactivate itself): the seat is
 * free at once and the device's unexpired leases are revoked and published; the device may
 * activate again later, unlike a revoked one.
 */
export declare function releaseDevice(ctx: ServerContext, operator: AdminToken, licenseId: string, deviceId: string, reason: string): Promise<{
    device: {
        deviceId: string;
        status: import("../../storage/devices.js").DeviceStatus;
        fingerprintComponents: number;
        activatedAt: number;
        lastSeenAt: number;
        deactivatedAt: number | null;
        revokedReason: string | null;
    };
    revocations: {
        seq: number;
        kind: import("../../storage/licenses.js").RevocationKind;
        targetId: string;
        licenseId: string;
        productId: string;
        reason: string;
        createdAt: import("../../storage/common-types.js").EpochSeconds;
    }[];
}>;
/** Revokes one lease (e.g. a copied store), leaving the device and the license alone. */
export declare function revokeLease(ctx: ServerContext, operator: AdminToken, jti: string, reason: string): Promise<{
    revocation: {
        seq: number;
        kind: import("../../storage/licenses.js").RevocationKind;
        targetId: string;
        licenseId: string;
        productId: string;
        reason: string;
        createdAt: import("../../storage/common-types.js").EpochSeconds;
    };
}>;
//# sourceMappingURL=revocations.d.ts.map