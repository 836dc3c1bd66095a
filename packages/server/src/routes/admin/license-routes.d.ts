import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerContext } from '../../context.js';
/** Selling, finding and revoking licenses; operator-side device and lease actions. */
export declare function licenseRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox;
//# sourceMappingURL=license-routes.d.ts.map