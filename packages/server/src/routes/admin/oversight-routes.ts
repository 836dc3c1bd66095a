import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { ServerContext } from '../../context.js'
import { EpochSeconds } from '../../http/schemas.js'
import { dashboardStats } from '../../services/admin/stats.js'
import { verifyAuditChain } from '../../services/audit-log.js'
import { scope } from './admin-auth-hook.js'
import { adminProblems, adminSecurity, NoQuery, Nullable, RevocationSchema } from './admin-schemas.js'

const tags = ['admin: oversight']

const AuditRow = Type.Object({
  seq: Type.Integer(),
  at: EpochSeconds,
  actor: Type.String(),
  action: Type.String(),
  target: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Nullable(Type.String()),
  hash: Type.String(),
})

const Outcomes = {
  ok: Type.Integer(),
  offline: Type.Integer(),
  server_error: Type.Integer(),
  rejected: Type.Integer(),
}
const RenewalWindow = Type.Object({ ...Outcomes, total: Type.Integer(), rate: Nullable(Type.Number()) })

const Stats = Type.Object({
  generatedAt: EpochSeconds,
  devices: Type.Object({
    active: Type.Integer(),
    grace: Type.Integer(),
    limited: Type.Integer(),
    denied: Type.Integer(),
    truncated: Type.Boolean(),
  }),
  licenses: Type.Object({
    active: Type.Integer(),
    suspended: Type.Integer(),
    revoked: Type.Integer(),
    total: Type.Integer(),
  }),
  renewals: Type.Object({
    source: Type.Literal('telemetry'),
    last24h: RenewalWindow,
    last7d: RenewalWindow,
    series: Type.Array(Type.Object({ start: EpochSeconds, ...Outcomes })),
    leasesIssued: Type.Object({ last24h: Type.Integer(), last7d: Type.Integer() }),
  }),
  /** Reported by clients (telemetry), last 7 days. */
  anomalies: Type.Array(Type.Object({ code: Type.String(), count: Type.Integer() })),
  /** Detected by the server: device requests it refused, by problem code, last 7 days. */
  refusals: Type.Array(Type.Object({ code: Type.String(), count: Type.Integer() })),
  offline: Type.Object({
    buckets: Type.Array(
      Type.Object({ from: Type.Integer(), to: Nullable(Type.Integer()), count: Type.Integer() }),
    ),
  }),
  revocations: Type.Object({ recent: Type.Array(RevocationSchema) }),
})

/** The audit log (paged, and its chain verification) and the dashboard figures. */
export function oversightRoutes(ctx: ServerContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/admin/audit',
      {
        onRequest: scope(ctx, 'read'),
        schema: {
          tags,
          summary:
            'Audit rows between sequence numbers (after < seq < before), oldest first, or newest first with order=desc',
          description:
            'Page forwards with after=<next> (order asc) and backwards with before=<next> (order desc); `next` is null on the last page. Sequence numbers are cursors: pages never assume they are contiguous.',
          security: adminSecurity,
          querystring: Type.Object(
            {
              after: Type.Optional(Type.Integer({ minimum: 0 })),
              before: Type.Optional(Type.Integer({ minimum: 1 })),
              order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ rows: Type.Array(AuditRow), next: Nullable(Type.Integer()) }),
            ...adminProblems(),
          },
        },
      },
      async (request) => {
        const { after, before, order = 'asc', limit = 100 } = request.query
        const rows = await ctx.storage.listAudit({
          afterSeq: after ?? 0,
          ...(before !== undefined ? { beforeSeq: before } : {}),
          order,
          limit,
        })
        return { rows, next: rows.length === limit ? rows[rows.length - 1]!.seq : null }
      },
    )

    app.get(
      '/v1/admin/audit/verify',
      {
        onRequest: scope(ctx, 'read'),
        schema: {
          tags,
          summary: 'Recompute the hash chain: detects an edited, deleted or truncated row',
          security: adminSecurity,
          querystring: NoQuery,
          response: {
            200: Type.Object({
              ok: Type.Boolean(),
              rows: Type.Integer(),
              firstBadSeq: Type.Optional(Type.Integer()),
              problem: Type.Optional(Type.String()),
            }),
            ...adminProblems(),
          },
        },
      },
      async () => verifyAuditChain(ctx.storage),
    )

    app.get(
      '/v1/admin/stats',
      {
        onRequest: scope(ctx, 'read'),
        schema: {
          tags,
          summary:
            'Dashboard figures: seats, licenses, renewal health, offline durations, anomalies, revocations',
          security: adminSecurity,
          querystring: NoQuery,
          response: { 200: Stats, ...adminProblems() },
        },
      },
      async () => dashboardStats(ctx),
    )
  }
}
