import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { assertIssuable, encodeBase64url, type TimeClaims } from '@tessera/core'
import { Type } from 'typebox'
import type { ServerContext } from '../context.js'
import { EpochSeconds, Id, Jws, problems } from '../http/schemas.js'
import { enforceIpLimit } from '../security/rate-limit.js'
import { newId } from '../services/ids.js'
import { revocationList } from '../services/revocation-list.js'

/** Seconds an activation nonce stays usable. */
const NONCE_TTL = 300

/** Unauthenticated reads: nonces, signed time, key set, revocation lists, JWKS. */
export function publicRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/nonce',
      {
        schema: {
          tags: ['device'],
          summary: 'A single-use nonce for an activation proof',
          response: {
            200: Type.Object({ nonce: Type.String(), expiresAt: EpochSeconds }),
            ...problems(429, 503),
          },
        },
      },
      async (request) => {
        enforceIpLimit(ctx, request.ip)
        const nonce = encodeBase64url(ctx.random(18))
        const expiresAt = ctx.now() + NONCE_TTL
        await ctx.storage.putNonce({ value: nonce, purpose: 'activate', expiresAt })
        return { nonce, expiresAt }
      },
    )

    app.get(
      '/v1/time',
      {
        schema: {
          tags: ['device'],
          summary: 'Signed server time',
          querystring: Type.Object(
            { nonce: Type.Optional(Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ receipt: Jws }), ...problems(400, 503) },
        },
      },
      async (request) => {
        const claims: TimeClaims = {
          v: 1,
          iss: ctx.keyring.issuer,
          iat: ctx.now(),
          jti: newId('tim', ctx.random),
        }
        if (request.query.nonce) claims.non = request.query.nonce
        assertIssuable('time', claims)
        return { receipt: await ctx.keyring.sign('time', claims) }
      },
    )

    app.get(
      '/v1/keyset',
      {
        schema: {
          tags: ['keys'],
          summary: 'The root-signed key set and the root rotation chain',
          response: { 200: Type.Object({ chain: Type.Array(Jws), keyset: Jws }) },
        },
      },
      async () => {
        const { chain, keyset } = ctx.keyring.current()
        return { chain, keyset }
      },
    )

    app.get(
      '/v1/revocations',
      {
        schema: {
          tags: ['device'],
          summary: 'Signed revocation list of a product (full, or the delta since a version)',
          querystring: Type.Object(
            { product: Id, since: Type.Optional(Type.Integer({ minimum: 0 })) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ list: Jws }), ...problems(400, 404, 503) },
        },
      },
      async (request) => ({
        list: await revocationList(ctx, request.query.product, request.query.since ?? 0),
      }),
    )

    app.get(
      '/.well-known/jwks.json',
      { schema: { tags: ['keys'], summary: 'Online public keys as a standard JWKS' } },
      async () => ctx.keyring.jwks(),
    )
  }
}
