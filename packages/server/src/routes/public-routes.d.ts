import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerContext } from '../context.js';
/** Unauthenticated reads: nonces, signed time, key set, revocation lists, JWKS. */
export declare function publicRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox;
//# sourceMappingURL=public-routes.d.ts.map