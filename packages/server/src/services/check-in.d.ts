import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
/** A cheap check-in: a signed status receipt (server time, revoked or not), no new lease. */
export declare function checkIn(ctx: ServerContext, request: FastifyRequest, body: {
    product: string;
    license: string;
    lease?: string;
}): Promise<string>;
//# sourceMappingURL=check-in.d.ts.map