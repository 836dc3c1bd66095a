import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerContext } from '../../context.js';
/**
 * The operator API under /v1/admin: every route needs `Authorization: Bearer <admin token>` with
 * its scope (checked before the body is parsed), and every change is written to the audit log
 * with the token's id as the actor.
 */
export declare function adminRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox;
//# sourceMappingURL=admin-routes.d.ts.map