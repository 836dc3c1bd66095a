import type { PolicyParams } from '@tessera/core';
import type { AdminToken, Device, Lease, License, Policy, PolicyVersion, Revocation, Rollout } from '../../storage/index.js';
/**
 * What the operator API shows of stored records. Deliberately omitted: key hashes, admin token
 * hashes and device public keys (nothing an operator needs, nothing to leak).
 */
export declare const licenseView: (l: License) => {
    id: string;
    productId: string;
    policyId: string;
    keyHint: string;
    ownerRef: string;
    edition: string;
    features: string[];
    seats: number;
    expiresAt: number | null;
    status: import("../../storage/licenses.js").LicenseStatus;
    revokedReason: string | null;
    transfersUsed: number;
    lastTransferAt: number | null;
    createdAt: number;
};
export declare const deviceView: (d: Device) => {
    deviceId: string;
    status: import("../../storage/devices.js").DeviceStatus;
    fingerprintComponents: number;
    activatedAt: number;
    lastSeenAt: number;
    deactivatedAt: number | null;
    revokedReason: string | null;
};
export declare const leaseView: (l: Lease) => {
    jti: string;
    deviceId: string;
    policyId: string;
    policyVersion: number;
    issuedAt: number;
    expiresAt: number;
    revokedAt: number | null;
};
export declare const revocationView: (r: Revocation) => {
    seq: number;
    kind: import("../../storage/licenses.js").RevocationKind;
    targetId: string;
    licenseId: string;
    productId: string;
    reason: string;
    createdAt: import("../../storage/common-types.js").EpochSeconds;
};
export declare const tokenView: (t: AdminToken) => {
    id: string;
    label: string;
    scopes: string[];
    createdAt: number;
    revokedAt: number | null;
};
export declare const rolloutView: (r: Rollout | undefined) => {
    policyId: string;
    fromVersion: number;
    toVersion: number;
    percent: number;
    state: import("../../storage/catalog.js").RolloutState;
    updatedAt: import("../../storage/common-types.js").EpochSeconds;
} | null;
export declare const versionView: (v: PolicyVersion, licenses?: number) => {
    licenses?: number | undefined;
    version: number;
    params: PolicyParams;
    createdAt: number;
};
export declare const policyView: (p: Policy, latestVersion: number, rollout: Rollout | undefined) => {
    id: string;
    productId: string;
    name: string;
    createdAt: number;
    latestVersion: number;
    rollout: {
        policyId: string;
        fromVersion: number;
        toVersion: number;
        percent: number;
        state: import("../../storage/catalog.js").RolloutState;
        updatedAt: import("../../storage/common-types.js").EpochSeconds;
    } | null;
};
//# sourceMappingURL=views.d.ts.map