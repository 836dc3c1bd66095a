import type { RevocationKind } from '@tessera/core';
import type { Device, License, Storage } from '../storage/index.js';
export interface RevokedInfo {
    kind: RevocationKind;
    at: number;
    reason: string;
}
/**
 * Whether the license, the device or the named lease is revoked, and since when: what a status
 * receipt must say. The license wins over the device, the device over the lease. A named lease
 * that belongs to another license or device is refused (404 NOT_FOUND); an unknown one is ignored,
 * so a lost lease record never locks a device out.
 */
export declare function revokedState(storage: Storage, license: License, device: Device | undefined, leaseJti: string | undefined): Promise<RevokedInfo | null>;
//# sourceMappingURL=revocation-state.d.ts.map