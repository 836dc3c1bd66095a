import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ServerContext } from '../../context.js'
import { catalogRoutes } from './catalog-routes.js'
import { deviceRoutes } from './device-routes.js'
import { keyRoutes } from './key-routes.js'
import { licenseRoutes } from './license-routes.js'
import { offlineRoutes } from './offline-routes.js'
import { oversightRoutes } from './oversight-routes.js'
import { policyRoutes } from './policy-routes.js'
import { tokenRoutes } from './token-routes.js'

/**
 * The operator API under /v1/admin: every route needs `Authorization: Bearer <admin token>` with
 * its scope (checked before the body is parsed), and every change is written to the audit log
 * with the token's id as the actor.
 */
export function adminRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(catalogRoutes(ctx))
    await app.register(policyRoutes(ctx))
    await app.register(licenseRoutes(ctx))
    await app.register(deviceRoutes(ctx))
    await app.register(offlineRoutes(ctx))
    await app.register(keyRoutes(ctx))
    await app.register(tokenRoutes(ctx))
    await app.register(oversightRoutes(ctx))
  }
}
