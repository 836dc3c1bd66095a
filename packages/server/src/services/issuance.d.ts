import { type Bundle, type LeaseClaims, type RevocationKind } from '@tessera/core';
import type { ServerContext } from '../context.js';
import type { Device, License, NewLease, Product } from '../storage/index.js';
import type { ResolvedPolicy } from './policy-resolution.js';
/** What a lease is computed from; ids and times are fixed before the storage transaction. */
export interface LeasePlan {
    claims: LeaseClaims;
    record: NewLease;
}
/**
 * Plans the lease of a license on a device at `now`: the offline window from the policy, capped
 * by the subscription end; renew-after inside it; grace after it. Claims hold opaque ids only.
 */
export declare function planLease(ctx: ServerContext, input: {
    license: License;
    product: Product;
    policy: ResolvedPolicy;
    deviceId: string;
    fingerprint: string[];
    now: number;
}): LeasePlan;
/** Signs the lease and its companions into the bundle every activation and renewal returns. */
export declare function issueBundle(ctx: ServerContext, input: {
    plan: LeasePlan;
    license: License;
    device: Device;
    policy: ResolvedPolicy;
    now: number;
}): Promise<Bundle>;
export interface StatusInput {
    license: License;
    deviceId: string;
    now: number;
    lease?: string;
    nonce?: string;
    revoked?: {
        kind: RevocationKind;
        at: number;
        reason: string;
    };
}
/** A signed status receipt: server time and the license/device state as of now. */
export declare function statusReceipt(ctx: ServerContext, input: StatusInput): Promise<string>;
//# sourceMappingURL=issuance.d.ts.map