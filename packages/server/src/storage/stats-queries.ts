import { sql } from 'kysely'
import type { Ctx } from './context.js'
import { StorageError } from './errors.js'
import type { StatsStorage } from './stats.js'
import type { TelemetryRange } from './telemetry.js'
import { IDENTIFIER, jsonNumber, jsonText } from './telemetry-queries.js'

const MAX_STALE = 10_000
const MAX_EDGES = 32
/** Days of refusal counts kept (the dashboard shows 7). */
const REFUSAL_DAYS_KEPT = 35

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function checkField(field: string): void {
  if (!IDENTIFIER.test(field)) throw new StorageError('STORAGE_INVALID', 'field must be a plain identifier')
}

export function statsQueries(ctx: Ctx): StatsStorage {
  const events = (db: Ctx['db'], range: TelemetryRange, type: string) =>
    db
      .selectFrom('telemetry_events')
      .where('type', '=', type)
      .where('at', '>=', range.from)
      .where('at', '<', range.to)
      .$if(range.productId !== undefined, (q) => q.where('product_id', '=', range.productId as string))

  return {
    countActiveSeats: () =>
      ctx.read(async (db) => {
        const row = await db
          .selectFrom('devices')
          .innerJoin('licenses', 'licenses.id', 'devices.license_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('devices.status', '=', 'active')
          .where('licenses.status', '<>', 'revoked')
          .executeTakeFirst()
        return Number(row?.n ?? 0)
      }),
    listStaleSeats: ({ lastSeenBefore, limit }) =>
      ctx.read(async (db) => {
        const rows = await db
          .selectFrom('devices')
          .innerJoin('licenses', 'licenses.id', 'devices.license_id')
          .select([
            'devices.license_id as licenseId',
            'licenses.policy_id as policyId',
            'devices.device_id as deviceId',
            'devices.last_seen_at as lastSeenAt',
          ])
          .where('devices.status', '=', 'active')
          .where('licenses.status', '<>', 'revoked')
          .where('devices.last_seen_at', '<', lastSeenBefore)
          .orderBy('devices.last_seen_at')
          .orderBy('devices.license_id')
          .orderBy('devices.device_id')
          .limit(Math.min(Math.max(Math.trunc(limit ?? 1000), 0), MAX_STALE))
          .execute()
        return rows.map((r) => ({ ...r, lastSeenAt: Number(r.lastSeenAt) }))
      }),
    countLeasesIssued: ({ from, to }) =>
      ctx.read(async (db) => {
        const row = await db
          .selectFrom('leases')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('issued_at', '>=', from)
          .where('issued_at', '<', to)
          .executeTakeFirst()
        return Number(row?.n ?? 0)
      }),
    countTelemetryBy: ({ type, field, ...range }) =>
      ctx.read(async (db) => {
        checkField(field)
        const value = jsonText(ctx.dialect, field)
        const rows = await events(db, range, type)
          .select((eb) => [value.as('value'), eb.fn.countAll().as('n')])
          .groupBy(value)
          .execute()
        // Sorted here: NULL placement and text collation differ between the dialects.
        return rows
          .map((r) => ({ value: r.value ?? null, count: Number(r.n) }))
          .sort((a, b) => b.count - a.count || compare(a.value ?? '', b.value ?? ''))
      }),
    async addRefusals(counts) {
      const rows = counts.filter((c) => c.count > 0)
      if (rows.length === 0) return
      const oldest = Math.max(...rows.map((r) => r.day)) - REFUSAL_DAYS_KEPT * 86_400
      await ctx.atomic(async (tx) => {
        for (const r of rows) {
          await tx.db
            .insertInto('refusals')
            .values({ day: r.day, code: r.code, count: r.count })
            .onConflict((oc) =>
              oc
                .columns(['day', 'code'])
                .doUpdateSet({ count: sql<number>`refusals.count + excluded.count` }),
            )
            .execute()
        }
        await tx.db.deleteFrom('refusals').where('day', '<', oldest).execute()
      })
    },
    countRefusals: ({ from, to }) =>
      ctx.read(async (db) => {
        const rows = await db
          .selectFrom('refusals')
          .select((eb) => ['code', eb.fn.sum<number>('count').as('n')])
          .where('day', '>=', from)
          .where('day', '<', to)
          .groupBy('code')
          .execute()
        return rows
          .map((r) => ({ code: r.code, count: Number(r.n) }))
          .sort((a, b) => b.count - a.count || compare(a.code, b.code))
      }),
    telemetryHistogram: ({ type, field, edges, ...range }) =>
      ctx.read(async (db) => {
        checkField(field)
        if (
          edges.length === 0 ||
          edges.length > MAX_EDGES ||
          edges.some((e, i) => !Number.isFinite(e) || (i > 0 && e <= edges[i - 1]!))
        ) {
          throw new StorageError('STORAGE_INVALID', 'edges must be 1..32 ascending finite numbers')
        }
        const { value, isNumber } = jsonNumber(ctx.dialect, field)
        // One conditional sum per bin, so the database returns len(edges) numbers whatever the fleet size.
        const bins = edges.map((from, i) => {
          const to = edges[i + 1]
          const cond =
            to === undefined
              ? sql`${value} >= ${sql.lit(from)}`
              : sql`${value} >= ${sql.lit(from)} and ${value} < ${sql.lit(to)}`
          return sql<number>`sum(case when ${cond} then 1 else 0 end)`.as(`b${i}`)
        })
        const row = (await events(db, range, type).where(isNumber).select(bins).executeTakeFirst()) as
          | Record<string, unknown>
          | undefined
        return edges.map((_, i) => Number(row?.[`b${i}`] ?? 0))
      }),
  }
}
