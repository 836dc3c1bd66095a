import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerContext } from '../../context.js';
/** Online key rotation (online root) and import of key sets signed by an offline root. */
export declare function keyRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox;
//# sourceMappingURL=key-routes.d.ts.map