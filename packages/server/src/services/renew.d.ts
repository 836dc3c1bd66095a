import type { Bundle } from '@tessera/core';
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
export interface RenewBody {
    product: string;
    license: string;
    lease?: string;
}
/**
 * Renewal: a device-signed request (fresh, single-use proof) → a fresh bundle under the policy
 * version the license follows now, with its current features. Revoked → 403 + signed receipt.
 */
export declare function renew(ctx: ServerContext, request: FastifyRequest, body: RenewBody): Promise<Bundle>;
//# sourceMappingURL=renew.d.ts.map