import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerContext } from '../../context.js';
/** Products (features, essential features) and their editions. */
export declare function catalogRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox;
//# sourceMappingURL=catalog-routes.d.ts.map