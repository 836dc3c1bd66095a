import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerContext } from '../context.js';
/** Endpoints called by the client SDK: activation, renewal, check-in, deactivation, telemetry. */
export declare function deviceRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox;
//# sourceMappingURL=device-routes.d.ts.map