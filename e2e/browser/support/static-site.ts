import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { dashboardRoutes } from '../../../packages/server/src/routes/dashboard-routes.js'
import { type BuiltFile, buildWeb } from '../../../packages/web/src/build/build-web.js'

export interface StaticSite {
  /** Base URL of the built files, ending in /dashboard/. */
  url: string
  files: BuiltFile[]
  close(): Promise<void>
}

/**
 * Builds the web package into a fresh temporary folder and serves it with the server's own
 * dashboard route (same headers, same strict CSP) on a free port, so badge tests neither touch
 * packages/web/dist nor need a license server.
 */
export async function serveFreshBuild(): Promise<StaticSite> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-web-'))
  const files = await buildWeb({ outDir: `${dir}/` })
  const app = Fastify({ logger: false })
  await app.register(dashboardRoutes(`${dir}/`))
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    url: `${address}/dashboard/`,
    files,
    async close() {
      await app.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
