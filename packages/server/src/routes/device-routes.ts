import { type FastifyPluginAsyncTypebox, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { ServerContext } from '../context.js'
import { toProblem } from '../http/error-handler.js'
import {
  BundleSchema,
  EpochSeconds,
  Fingerprint,
  Id,
  Jws,
  PublicJwkSchema,
  problems,
  ServerId,
} from '../http/schemas.js'
import { enforceIpLimit } from '../security/rate-limit.js'
import { activate } from '../services/activate.js'
import { checkIn } from '../services/check-in.js'
import { deactivate } from '../services/deactivate.js'
import { renew } from '../services/renew.js'
import { ingestTelemetry } from '../services/telemetry.js'

const DeviceRequest = { product: Id, license: ServerId }
// Optional in the schema so that a missing proof is 401 PROOF_INVALID (the services require it).
const proofHeader = Type.Object({ 'tessera-proof': Type.Optional(Type.String({ maxLength: 4096 })) })
const deviceProblems = problems(400, 401, 403, 404, 409, 413, 415, 429, 503)

const TelemetryEvent = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    type: Type.Union([Type.Literal('renewal'), Type.Literal('offline'), Type.Literal('anomaly')]),
    at: EpochSeconds,
    outcome: Type.Optional(
      Type.Union([
        Type.Literal('ok'),
        Type.Literal('offline'),
        Type.Literal('server_error'),
        Type.Literal('rejected'),
      ]),
    ),
    seconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 * 365 * 86_400 })),
    code: Type.Optional(Type.String({ maxLength: 64, pattern: '^[A-Z0-9_]+$' })),
  },
  { additionalProperties: false },
)

/** Endpoints called by the client SDK: activation, renewal, check-in, deactivation, telemetry. */
export function deviceRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Device bodies are JSON and strict: no coercion of wrong types ("123" is not 123, 123 is
    // not "123"), unlike the shared Ajv set-up that query strings need; and text/plain is refused.
    app.setValidatorCompiler(TypeBoxValidatorCompiler)
    app.removeContentTypeParser('text/plain')
    // Per client IP, before the body is even read (the per-license limit applies in the services).
    app.addHook('onRequest', async (request) => {
      enforceIpLimit(ctx, request.ip)
    })
    // Refused requests (bad proofs, replays, revoked devices calling, floods) are counted by
    // problem code: the server-side anomalies of the dashboard.
    app.addHook('onError', async (_request, _reply, error) => {
      ctx.refusals.record(toProblem(error).code, ctx.now())
    })

    app.post(
      '/v1/activate',
      {
        schema: {
          tags: ['device'],
          summary: 'Activate a device with a license key',
          headers: proofHeader,
          body: Type.Object(
            {
              product: Id,
              licenseKey: Type.String({ minLength: 1, maxLength: 64 }),
              deviceKey: PublicJwkSchema,
              fingerprint: Fingerprint,
              app: Type.Optional(
                Type.Object(
                  { version: Type.Optional(Type.String({ maxLength: 32 })) },
                  { additionalProperties: false },
                ),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ bundle: BundleSchema }), ...deviceProblems },
        },
      },
      async (request) => ({ bundle: await activate(ctx, request, request.body) }),
    )

    app.post(
      '/v1/renew',
      {
        schema: {
          tags: ['device'],
          summary: 'Renew the lease of an activated device',
          headers: proofHeader,
          body: Type.Object(
            { ...DeviceRequest, lease: Type.Optional(ServerId) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ bundle: BundleSchema }), ...deviceProblems },
        },
      },
      async (request) => ({ bundle: await renew(ctx, request, request.body) }),
    )

    app.post(
      '/v1/status',
      {
        schema: {
          tags: ['device'],
          summary: 'Check in: a signed status receipt without a new lease',
          headers: proofHeader,
          body: Type.Object(
            { ...DeviceRequest, lease: Type.Optional(ServerId) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ status: Jws }), ...deviceProblems },
        },
      },
      async (request) => ({ status: await checkIn(ctx, request, request.body) }),
    )

    app.post(
      '/v1/deactivate',
      {
        schema: {
          tags: ['device'],
          summary: 'Give the seat back (signed receipt)',
          headers: proofHeader,
          body: Type.Object(DeviceRequest, { additionalProperties: false }),
          response: { 200: Type.Object({ receipt: Jws }), ...deviceProblems },
        },
      },
      async (request) => ({ receipt: await deactivate(ctx, request, request.body) }),
    )

    app.post(
      '/v1/telemetry',
      {
        schema: {
          tags: ['device'],
          summary: 'Upload privacy-safe client events',
          headers: proofHeader,
          body: Type.Object(
            {
              ...DeviceRequest,
              events: Type.Array(TelemetryEvent, { maxItems: 100 }),
              dropped: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
            },
            { additionalProperties: false },
          ),
          response: { 202: Type.Object({ accepted: Type.Integer() }), ...deviceProblems },
        },
      },
      async (request, reply) =>
        reply.code(202).send({ accepted: await ingestTelemetry(ctx, request, request.body) }),
    )
  }
}
