import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerContext } from '../../context.js';
/** Policies as immutable versions, rollouts to a deterministic cohort, rollbacks. */
export declare function policyRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox;
//# sourceMappingURL=policy-routes.d.ts.map