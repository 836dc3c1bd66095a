import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerContext } from '../../context.js';
/** Operator tokens: created with scopes (shown once), listed without hashes, revoked. */
export declare function tokenRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox;
//# sourceMappingURL=token-routes.d.ts.map