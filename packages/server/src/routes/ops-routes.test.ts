import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import type { ServerContext } from '../context.js'
import { opsRoutes } from './ops-routes.js'

describe('ops routes', () => {
  it('GET /v1 answers an index whose links name the docs, the OpenAPI document and the probes', async () => {
    const app = Fastify()
    // The index reads nothing from the context (no storage, no keys).
    await app.register(opsRoutes({} as ServerContext))
    try {
      const res = await app.inject('/v1')
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toContain('application/json')
      const body = res.json() as { name: string; version: number; links: Record<string, string> }
      expect(body.version).toBe(1)
      expect(body.links).toMatchObject({ docs: '/docs', openapi: '/openapi.json', health: '/healthz' })
      expect((await app.inject(body.links.health!)).json()).toEqual({ ok: true })
    } finally {
      await app.close()
    }
  })
})
