import { type RawBuilder, sql } from 'kysely'
import { affected, type Ctx, type Dialect, toJson } from './context.js'
import { StorageError } from './errors.js'
import type { TelemetryRow } from './schema.js'
import type { TelemetryRange, TelemetryStorage } from './telemetry.js'

/** Rows per INSERT: 7 parameters each stays far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

/** `data.key` as text (the one place JSON functions differ between the dialects). */
export function jsonText(dialect: Dialect, key: string): RawBuilder<string | null> {
  return dialect === 'postgres'
    ? sql`(data::jsonb ->> ${sql.lit(key)})`
    : sql`cast(json_extract(data, ${sql.lit(`$.${key}`)}) as text)`
}

/** `data.key` as a number, and the test that it is one. */
export function jsonNumber(
  dialect: Dialect,
  key: string,
): { value: RawBuilder<number>; isNumber: RawBuilder<boolean> } {
  return dialect === 'postgres'
    ? {
        value: sql`(data::jsonb ->> ${sql.lit(key)})::double precision`,
        isNumber: sql`jsonb_typeof(data::jsonb -> ${sql.lit(key)}) = 'number'`,
      }
    : {
        value: sql`json_extract(data, ${sql.lit(`$.${key}`)})`,
        isNumber: sql`json_type(data, ${sql.lit(`$.${key}`)}) in ('integer', 'real')`,
      }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function telemetryQueries(ctx: Ctx): TelemetryStorage {
  const inRange = (range: TelemetryRange) => (db: Ctx['db']) =>
    db
      .selectFrom('telemetry_events')
      .where('at', '>=', range.from)
      .where('at', '<', range.to)
      .$if(range.productId !== undefined, (q) => q.where('product_id', '=', range.productId as string))

  return {
    async insertTelemetry(events) {
      if (events.length === 0) return 0
      const rows: TelemetryRow[] = events.map((e) => ({
        id: e.id,
        device_hash: e.deviceHash,
        product_id: e.productId,
        type: e.type,
        at: e.at,
        data: toJson(e.data),
        received_at: e.receivedAt,
      }))
      return ctx.atomic(async (tx) => {
        let inserted = 0
        for (let i = 0; i < rows.length; i += CHUNK) {
          const res = await tx.db
            .insertInto('telemetry_events')
            .values(rows.slice(i, i + CHUNK))
            .onConflict((oc) => oc.column('id').doNothing())
            .executeTakeFirst()
          inserted += affected(res.numInsertedOrUpdatedRows)
        }
        return inserted
      })
    },
    countTelemetry: (range) =>
      ctx.read(async (db) => {
        const outcome = jsonText(ctx.dialect, 'outcome')
        const rows = await inRange(range)(db)
          .select((eb) => ['type', outcome.as('outcome'), eb.fn.countAll().as('n')])
          .groupBy(['type', outcome])
          .execute()
        // Sorted here: NULL placement and text collation differ between the dialects.
        return rows
          .map((r) => ({ type: r.type, outcome: r.outcome ?? null, count: Number(r.n) }))
          .sort((a, b) => compare(a.type, b.type) || compare(a.outcome ?? '', b.outcome ?? ''))
      }),
    telemetryValues: ({ type, field, ...range }) =>
      ctx.read(async (db) => {
        if (!IDENTIFIER.test(field))
          throw new StorageError('STORAGE_INVALID', 'field must be a plain identifier')
        const { value, isNumber } = jsonNumber(ctx.dialect, field)
        const rows = await inRange(range)(db)
          .select(value.as('v'))
          .where('type', '=', type)
          .where(isNumber)
          .orderBy(value)
          .execute()
        return rows.map((r) => Number(r.v))
      }),
    async pruneTelemetry(before) {
      const res = await ctx.write((db) =>
        db.deleteFrom('telemetry_events').where('received_at', '<', before).execute(),
      )
      return res.reduce((n, r) => n + affected(r.numDeletedRows), 0)
    },
  }
}
