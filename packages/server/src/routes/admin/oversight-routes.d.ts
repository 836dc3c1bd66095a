import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerContext } from '../../context.js';
/** The audit log (paged, and its chain verification) and the dashboard figures. */
export declare function oversightRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox;
//# sourceMappingURL=oversight-routes.d.ts.map