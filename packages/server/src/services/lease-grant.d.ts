import type { Bundle, LeaseClaims, PublicJwk } from '@tessera/core';
import type { ServerContext } from '../context.js';
import type { Device, License, Product } from '../storage/index.js';
/** A bundle just issued, with the lease claims it carries. */
export interface Grant {
    bundle: Bundle;
    lease: LeaseClaims;
    device: Device;
}
export interface SeatRequest {
    license: License;
    product: Product;
    deviceKey: PublicJwk;
    /** RFC 7638 thumbprint of `deviceKey`. */
    deviceId: string;
    /** Hashed fingerprint components, 1..16. */
    fingerprint: string[];
    now: number;
}
/**
 * Takes a seat for the device (atomically, never more than the seats; an active device keeps its
 * seat) and issues its bundle. Shared by online activation and air-gapped responses, so both
 * follow the same seat, policy and lease rules. The caller authenticated the device.
 */
export declare function grantSeat(ctx: ServerContext, input: SeatRequest): Promise<Grant & {
    reused: boolean;
}>;
/**
 * Issues a fresh lease to a device that holds a seat, under the policy version its license
 * follows now and with the license's current features. The caller checked revocation.
 */
export declare function renewSeat(ctx: ServerContext, input: {
    license: License;
    product: Product;
    device: Device;
    now: number;
}): Promise<Grant>;
//# sourceMappingURL=lease-grant.d.ts.map