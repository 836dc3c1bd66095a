import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { ServerContext } from '../../context.js'
import { EpochSeconds, ServerId } from '../../http/schemas.js'
import { searchDevices, showDevice } from '../../services/admin/devices.js'
import { scope } from './admin-auth-hook.js'
import {
  adminProblems,
  adminSecurity,
  DeviceId,
  DeviceSchema,
  LeaseSchema,
  LicenseSchema,
  NoQuery,
  Nullable,
  RevocationSchema,
} from './admin-schemas.js'

const tags = ['admin: devices']

/** A device row of a search: the seat of one device on one license. */
const DeviceEntry = Type.Object({ licenseId: ServerId, ...DeviceSchema.properties })

const DeviceDetail = Type.Object({
  deviceId: Type.String(),
  /** The latest contact on any of its licenses. */
  lastSeenAt: EpochSeconds,
  bindings: Type.Array(
    Type.Object({
      license: LicenseSchema,
      device: DeviceSchema,
      leases: Type.Array(LeaseSchema),
      revocation: Nullable(RevocationSchema),
    }),
  ),
})

/** Finding a device across licenses (a support ticket quotes a device id or a key) and showing it. */
export function deviceRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/admin/devices',
      {
        onRequest: scope(ctx, 'read'),
        schema: {
          tags,
          summary:
            'Search devices (q: a device id prefix, a license id or a license key), most recently seen first',
          security: adminSecurity,
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_ -]+$' })),
              status: Type.Optional(
                Type.Union([Type.Literal('active'), Type.Literal('deactivated'), Type.Literal('revoked')]),
              ),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
              offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              devices: Type.Array(DeviceEntry),
              total: Type.Integer(),
              limit: Type.Integer(),
              offset: Type.Integer(),
            }),
            ...adminProblems(),
          },
        },
      },
      async (request) => searchDevices(ctx, request.query),
    )

    app.get(
      '/v1/admin/devices/:id',
      {
        onRequest: scope(ctx, 'read'),
        schema: {
          tags,
          summary: 'A device: its seat on each license, the license, newest leases, last contact, revocation',
          security: adminSecurity,
          querystring: NoQuery,
          params: Type.Object({ id: DeviceId }, { additionalProperties: false }),
          response: { 200: DeviceDetail, ...adminProblems(404) },
        },
      },
      async (request) => showDevice(ctx, request.params.id),
    )
  }
}
