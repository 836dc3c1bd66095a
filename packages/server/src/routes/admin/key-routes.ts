import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { ServerContext } from '../../context.js'
import { Jws } from '../../http/schemas.js'
import { rotateOnlineKey } from '../../services/admin/key-rotation.js'
import { importKeyset } from '../../services/admin/keyset-import.js'
import { emptyBodyAsObject, operatorOf, scope } from './admin-auth-hook.js'
import { adminProblems, adminSecurity, KeysetSummarySchema } from './admin-schemas.js'

const tags = ['admin: keys']

/** Online key rotation (online root) and import of key sets signed by an offline root. */
export function keyRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/admin/keys/rotate',
      {
        onRequest: scope(ctx, 'admin'),
        preValidation: emptyBodyAsObject,
        schema: {
          tags,
          summary: 'A new online key joins key set version+1; the old keys verify but sign no more',
          description:
            'Needs the root key online (keyring config `root`); otherwise 409 ROOT_KEY_OFFLINE: sign the key set offline and import it with POST /v1/admin/keysets.',
          security: adminSecurity,
          body: Type.Object({}, { additionalProperties: false }),
          response: {
            200: Type.Object({ kid: Type.String(), ...KeysetSummarySchema.properties }),
            ...adminProblems(409),
          },
        },
      },
      async (request) => rotateOnlineKey(ctx, operatorOf(request)),
    )

    app.post(
      '/v1/admin/keysets',
      {
        onRequest: scope(ctx, 'admin'),
        schema: {
          tags,
          summary: 'Import a key set signed by the offline root',
          security: adminSecurity,
          body: Type.Object(
            {
              keyset: Jws,
              sources: Type.Optional(
                Type.Array(
                  Type.Object(
                    {
                      kid: Type.String({ minLength: 1, maxLength: 64 }),
                      source: Type.String({
                        minLength: 6,
                        maxLength: 1024,
                        pattern: '^(file:|pkcs11:)',
                        description: 'file:<path> (relative to the data directory) or a pkcs11: URI',
                      }),
                    },
                    { additionalProperties: false },
                  ),
                  { maxItems: 16 },
                ),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: KeysetSummarySchema, ...adminProblems(409) },
        },
      },
      async (request) => importKeyset(ctx, operatorOf(request), request.body),
    )
  }
}
