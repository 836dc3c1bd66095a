import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import type { ServerContext } from './context.js'
import { frameworkErrorProblem, installErrorHandler } from './http/error-handler.js'
import { LoadShedder, type LoadSheddingOptions } from './http/load-shedding.js'
import { loggerOptions } from './http/logger.js'
import { adminRoutes } from './routes/admin/admin-routes.js'
import { dashboardRoutes } from './routes/dashboard-routes.js'
import { deviceRoutes } from './routes/device-routes.js'
import { opsRoutes } from './routes/ops-routes.js'
import { publicRoutes } from './routes/public-routes.js'

export interface AppOptions {
  /** pino level, or false for no logs. Default 'info'. */
  logLevel?: string | false
  /** Largest request body, bytes. Default 64 KiB. */
  bodyLimit?: number
  /** Milliseconds a request may take end to end. Default 15 000. */
  requestTimeout?: number
  /** Extra route plugins (admin API, dashboard), registered after the built-in ones. */
  plugins?: ((app: FastifyInstance) => Promise<void>)[]
  /** Sheds requests past capacity with 503 OVERLOADED + Retry-After; false disables. Default: generous limits. */
  loadShedding?: LoadSheddingOptions | false
  /** Folder of the built dashboard served at /dashboard (ends with /). Default: packages/web/dist/. */
  dashboardDir?: string
}

/** The Fastify application: strict schemas, problem+json errors, OpenAPI, device and public routes. */
export async function buildApp(ctx: ServerContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const shedder = options.loadShedding === false ? null : new LoadShedder(options.loadShedding)
  const app = Fastify({
    ...(shedder ? { serverFactory: shedder.serverFactory() } : {}),
    logger: loggerOptions(options.logLevel ?? 'info'),
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    requestTimeout: options.requestTimeout ?? 15_000,
    connectionTimeout: 30_000,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    frameworkErrors: frameworkErrorProblem,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()
  keepRawBody(app)
  installErrorHandler(app)
  shedder?.install(app)
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    ctx.metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    )
  })
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tessera license server',
        version: '1',
        description: 'Offline-first software licensing. See spec/HTTP-API.md.',
      },
      components: { securitySchemes: { admin: { type: 'http', scheme: 'bearer' } } },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  await app.register(opsRoutes(ctx))
  await app.register(publicRoutes(ctx))
  await app.register(deviceRoutes(ctx))
  await app.register(adminRoutes(ctx))
  await app.register(dashboardRoutes(options.dashboardDir))
  for (const plugin of options.plugins ?? []) await app.register(plugin)
  return app
}

/** Device proofs sign the exact body bytes, so the JSON parser keeps them. */
function keepRawBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    ;(request as typeof request & { rawBody?: string }).rawBody = body as string
    parse(request, body as string, done)
  })
}
