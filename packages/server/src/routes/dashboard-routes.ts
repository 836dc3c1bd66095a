import { readFile, stat } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sendProblem } from '../http/error-handler.js'
import { HttpProblem } from '../http/problem.js'

/**
 * Where `npm run build -w @tessera/web` writes the dashboard. Resolved from this file, which sits
 * two levels under packages/server both as source (src/routes) and compiled (dist/routes); the
 * server reads the built files and never imports web source.
 */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url))

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
}

/** Only flat file names of known types: no slashes, no dot-dot, nothing outside the folder. */
const FILE_NAME = /^[a-z0-9][a-z0-9-]*\.(html|js|css|svg)$/

/**
 * The page may load scripts, styles and data only from this server; the admin token is sent
 * only by the page's own fetch calls (no cookies), and the page cannot be framed.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Serves the operator dashboard at /dashboard (index.html) and its assets at /dashboard/<file>.
 * When the web package has not been built, answers a problem+json NOT_FOUND that says how to build it.
 */
export function dashboardRoutes(
  dir: string = DEFAULT_DASHBOARD_DIR,
): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    const serve = (file: string) => async (request: FastifyRequest, reply: FastifyReply) => {
      if (!FILE_NAME.test(file))
        return sendProblem(reply, request, new HttpProblem('NOT_FOUND', `no dashboard file ${file}`))
      const body = await readFile(`${dir}${file}`).catch(() => undefined)
      if (body === undefined) {
        const built = await stat(`${dir}index.html`).then(
          () => true,
          () => false,
        )
        const detail = built
          ? `no dashboard file ${file}`
          : 'the dashboard is not built: run `npm run build -w @tessera/web`'
        return sendProblem(reply, request, new HttpProblem('NOT_FOUND', detail))
      }
      return reply
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-cache')
        .type(TYPES[file.split('.').pop()!]!)
        .send(body)
    }
    const hidden = { schema: { hide: true } }
    app.get('/dashboard', hidden, serve('index.html'))
    app.get('/dashboard/', hidden, serve('index.html'))
    app.get<{ Params: { file: string } }>('/dashboard/:file', hidden, (request, reply) =>
      serve(request.params.file)(request, reply),
    )
  }
}
