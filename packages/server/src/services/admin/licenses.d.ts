import type { ServerContext } from '../../context.js';
import type { AdminToken, License, LicenseStatus } from '../../storage/index.js';
export interface NewLicenseBody {
    product: string;
    policy: string;
    edition?: string;
    features?: string[];
    seats?: number;
    ownerRef?: string;
    expiresAt?: number;
}
/**
 * Sells a license: a fresh human-friendly key (shown once; only its hash is stored), the edition's
 * features unless others are given, one seat unless more are.
 */
export declare function createLicense(ctx: ServerContext, operator: AdminToken, body: NewLicenseBody): Promise<{
    id: string;
    key: string;
    license: {
        id: string;
        productId: string;
        policyId: string;
        keyHint: string;
        ownerRef: string;
        edition: string;
        features: string[];
        seats: number;
        expiresAt: number | null;
        status: LicenseStatus;
        revokedReason: string | null;
        transfersUsed: number;
        lastTransferAt: number | null;
        createdAt: number;
    };
}>;
export interface LicenseSearch {
    product?: string;
    status?: LicenseStatus;
    /** A license key (found by its hash), a license id prefix (lic_…) or an exact owner reference. */
    q?: string;
    limit?: number;
    offset?: number;
}
export declare function searchLicenses(ctx: ServerContext, search: LicenseSearch): Promise<{
    licenses: {
        id: string;
        productId: string;
        policyId: string;
        keyHint: string;
        ownerRef: string;
        edition: string;
        features: string[];
        seats: number;
        expiresAt: number | null;
        status: LicenseStatus;
        revokedReason: string | null;
        transfersUsed: number;
        lastTransferAt: number | null;
        createdAt: number;
    }[];
    total: number;
    limit: number;
    offset: number;
}>;
/** A license with its devices, its newest leases, the policy version it follows and its seats in use. */
export declare function showLicense(ctx: ServerContext, id: string): Promise<{
    policyVersion: number;
    seatsInUse: number;
    devices: {
        deviceId: string;
        status: import("../../storage/devices.js").DeviceStatus;
        fingerprintComponents: number;
        activatedAt: number;
        lastSeenAt: number;
        deactivatedAt: number | null;
        revokedReason: string | null;
    }[];
    leases: {
        jti: string;
        deviceId: string;
        policyId: string;
        policyVersion: number;
        issuedAt: number;
        expiresAt: number;
        revokedAt: number | null;
    }[];
    id: string;
    productId: string;
    policyId: string;
    keyHint: string;
    ownerRef: string;
    edition: string;
    features: string[];
    seats: number;
    expiresAt: number | null;
    status: LicenseStatus;
    revokedReason: string | null;
    transfersUsed: number;
    lastTransferAt: number | null;
    createdAt: number;
}>;
export declare function requireLicense(ctx: ServerContext, id: string): Promise<License>;
//# sourceMappingURL=licenses.d.ts.map