import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerContext } from '../context.js';
/** Liveness, readiness, metrics and the OpenAPI document. */
export declare function opsRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox;
//# sourceMappingURL=ops-routes.d.ts.map