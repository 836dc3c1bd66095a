import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerContext } from '../../context.js';
/** Air-gapped activation and renewal: a device-signed request file in, a signed response file out. */
export declare function offlineRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox;
//# sourceMappingURL=offline-routes.d.ts.map