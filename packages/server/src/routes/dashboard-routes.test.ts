import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dashboardRoutes } from './dashboard-routes.js'

let dir: string
let built: FastifyInstance
let missing: FastifyInstance

beforeAll(async () => {
  dir = `${await mkdtemp(join(tmpdir(), 'tessera-dashboard-'))}/`
  await writeFile(`${dir}index.html`, '<!doctype html><title>t</title>')
  await writeFile(`${dir}dashboard.js`, 'export {}')
  await writeFile(`${dir}secret.json`, '{}')
  built = Fastify()
  await built.register(dashboardRoutes(dir))
  missing = Fastify()
  await missing.register(dashboardRoutes(join(dir, 'not-built/')))
})
afterAll(async () => {
  await Promise.all([built?.close(), missing?.close()])
  await rm(dir, { recursive: true, force: true })
})

describe('dashboard routes', () => {
  it('serve index.html at /dashboard and /dashboard/, assets by name, with a strict CSP', async () => {
    for (const url of ['/dashboard', '/dashboard/']) {
      const res = await built.inject(url)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.headers['content-security-policy']).toContain("default-src 'none'")
      expect(res.headers['x-content-type-options']).toBe('nosniff')
    }
    const js = await built.inject('/dashboard/dashboard.js')
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.body).toBe('export {}')
  })

  it('refuse other names and anything that looks like a path', async () => {
    for (const url of [
      '/dashboard/secret.json',
      '/dashboard/..%2fpackage.json',
      '/dashboard/.hidden.js',
      '/dashboard/nope.js',
    ]) {
      const res = await built.inject(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type'], url).toContain('application/problem+json')
      expect(res.json().code, url).toBe('NOT_FOUND')
    }
  })

  it('say how to build the dashboard when it was not built', async () => {
    const res = await missing.inject('/dashboard')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({
      code: 'NOT_FOUND',
      detail: expect.stringContaining('npm run build -w @tessera/web'),
    })
  })
})
