import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { ServerContext } from '../context.js'
import { problems } from '../http/schemas.js'

/**
 * Where to go from the API root: root paths (`/docs`, …) on this server's origin. Behind a proxy that
 * adds a path prefix they need the prefix prepended; the links do not carry it.
 */
const API_INDEX = Object.freeze({
  name: 'Tessera license server',
  version: 1,
  links: Object.freeze({
    docs: '/docs',
    openapi: '/openapi.json',
    health: '/healthz',
    ready: '/readyz',
    keyset: '/v1/keyset',
    jwks: '/.well-known/jwks.json',
    dashboard: '/dashboard',
    metrics: '/metrics',
  }),
})

/** The API index, liveness, readiness, metrics and the OpenAPI document. */
export function opsRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1',
      {
        schema: {
          tags: ['ops'],
          summary: 'The API index: links to the docs, the OpenAPI document and the probes',
          response: {
            200: Type.Object({
              name: Type.String(),
              version: Type.Integer(),
              links: Type.Record(Type.String(), Type.String()),
            }),
          },
        },
      },
      async () => API_INDEX,
    )

    app.get(
      '/healthz',
      { schema: { tags: ['ops'], response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
      async () => ({ ok: true }),
    )

    app.get(
      '/readyz',
      { schema: { tags: ['ops'], response: { 200: Type.Object({ ok: Type.Boolean() }), ...problems(503) } } },
      async () => {
        await ctx.storage.getSetting('keyring')
        return { ok: true }
      },
    )

    app.get('/metrics', { schema: { tags: ['ops'], hide: true } }, async (_request, reply) => {
      reply.type(ctx.metrics.registry.contentType)
      return ctx.metrics.registry.metrics()
    })

    app.get('/openapi.json', { schema: { tags: ['ops'], hide: true } }, async () => app.swagger())
  }
}
