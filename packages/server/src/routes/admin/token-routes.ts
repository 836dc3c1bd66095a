import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { ServerContext } from '../../context.js'
import { issueAdminToken, listAdminTokens, revokeAdminToken } from '../../services/admin/admin-tokens.js'
import { emptyBodyAsObject, operatorOf, scope } from './admin-auth-hook.js'
import { AdminTokenSchema, adminProblems, adminSecurity, NoQuery, Scope } from './admin-schemas.js'

const tags = ['admin: tokens']

/** Operator tokens: created with scopes (shown once), listed without hashes, revoked. */
export function tokenRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/admin/tokens',
      {
        onRequest: scope(ctx, 'admin'),
        schema: {
          tags,
          summary: 'Create an admin token (the token is in this answer only)',
          security: adminSecurity,
          body: Type.Object(
            {
              label: Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\x00-\\x1f@]+$' }),
              scopes: Type.Array(Scope, { minItems: 1, maxItems: 4, uniqueItems: true }),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              id: Type.String(),
              token: Type.String(),
              label: Type.String(),
              scopes: Type.Array(Type.String()),
            }),
            ...adminProblems(),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await issueAdminToken(ctx, operatorOf(request), request.body)),
    )

    app.get(
      '/v1/admin/tokens',
      {
        onRequest: scope(ctx, 'admin'),
        schema: {
          tags,
          summary: 'List admin tokens (ids, labels, scopes; never the tokens or their hashes)',
          security: adminSecurity,
          querystring: NoQuery,
          response: { 200: Type.Object({ tokens: Type.Array(AdminTokenSchema) }), ...adminProblems() },
        },
      },
      async () => listAdminTokens(ctx),
    )

    app.post(
      '/v1/admin/tokens/:id/revoke',
      {
        onRequest: scope(ctx, 'admin'),
        preValidation: emptyBodyAsObject,
        schema: {
          tags,
          summary: 'Revoke an admin token (idempotent; the last admin token cannot be revoked)',
          security: adminSecurity,
          params: Type.Object(
            { id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
            { additionalProperties: false },
          ),
          body: Type.Object({}, { additionalProperties: false }),
          response: { 200: AdminTokenSchema, ...adminProblems(404, 409) },
        },
      },
      async (request) => revokeAdminToken(ctx, operatorOf(request), request.params.id),
    )
  }
}
