import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { ServerContext } from '../../context.js'
import { Jws } from '../../http/schemas.js'
import { respondOffline } from '../../services/admin/offline-respond.js'
import { operatorOf, scope } from './admin-auth-hook.js'
import { adminProblems, adminSecurity } from './admin-schemas.js'

/** Air-gapped activation and renewal: a device-signed request file in, a signed response file out. */
export function offlineRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/admin/offline/respond',
      {
        onRequest: scope(ctx, 'write'),
        schema: {
          tags: ['admin: offline'],
          summary: 'Answer an air-gapped activation or renewal request',
          security: adminSecurity,
          body: Type.Object({ request: Jws }, { additionalProperties: false }),
          response: { 200: Type.Object({ response: Jws }), ...adminProblems(404, 409) },
        },
      },
      async (request) => ({ response: await respondOffline(ctx, operatorOf(request), request.body.request) }),
    )
  }
}
