import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
/**
 * The device gives its seat back (to move to a new machine): the policy's transfer limit and
 * cool-down apply, its leases are revoked (a restored copy of the store learns it at its next
 * contact), and it gets a signed receipt.
 */
export declare function deactivate(ctx: ServerContext, request: FastifyRequest, body: {
    product: string;
    license: string;
}): Promise<string>;
//# sourceMappingURL=deactivate.d.ts.map