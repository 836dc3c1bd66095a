import { sql } from 'kysely'
import { pageOf } from './common-types.js'
import type { Ctx, Db, Dialect } from './context.js'
import { toDevice } from './device-rows.js'
import type { DeviceQuery, DeviceStorage } from './devices.js'

/**
 * device_id compared in byte order on both dialects (SQLite's BINARY; PostgreSQL's "C" collation),
 * the form the devices_device_id_idx index is built on.
 */
function deviceIdColumn(dialect: Dialect) {
  return dialect === 'postgres' ? sql<string>`device_id collate "C"` : sql<string>`device_id`
}

/** Above every character a device id can continue a prefix with, so `[q, q + TOP)` is "starts with q". */
const TOP = '\u{10FFFF}'

/**
 * The filtered device set. A device id prefix is a byte-order range on the indexed column: exact,
 * case-sensitive and free of LIKE wildcards on both dialects.
 */
function matching(db: Db, dialect: Dialect, q: DeviceQuery) {
  const text = q.search ?? ''
  const deviceId = deviceIdColumn(dialect)
  return db
    .selectFrom('devices')
    .$if(q.licenseId !== undefined, (b) => b.where('license_id', '=', q.licenseId as string))
    .$if(q.status !== undefined, (b) => b.where('status', '=', q.status as string))
    .$if(text.length > 0, (b) =>
      b.where((eb) =>
        eb.or([
          eb.and([eb(deviceId, '>=', text), eb(deviceId, '<', `${text}${TOP}`)]),
          eb('license_id', '=', text),
        ]),
      ),
    )
}

/** Finding devices across licenses, for the operator's search and device pages. */
export function deviceSearchQueries(
  ctx: Ctx,
): Pick<DeviceStorage, 'searchDevices' | 'countDevices' | 'findDevice'> {
  return {
    searchDevices: (query) =>
      ctx.read(async (db) => {
        const { limit, offset } = pageOf(query)
        const rows = await matching(db, ctx.dialect, query)
          .selectAll()
          .orderBy('last_seen_at', 'desc')
          .orderBy('license_id')
          .orderBy('device_id')
          .limit(limit)
          .offset(offset)
          .execute()
        return rows.map(toDevice)
      }),
    countDevices: (query) =>
      ctx.read(async (db) => {
        const row = await matching(db, ctx.dialect, query)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
        return Number(row?.n ?? 0)
      }),
    findDevice: (deviceId) =>
      ctx.read(async (db) => {
        const rows = await db
          .selectFrom('devices')
          .selectAll()
          .where(deviceIdColumn(ctx.dialect), '=', deviceId)
          .orderBy('last_seen_at', 'desc')
          .orderBy('license_id')
          .execute()
        return rows.map(toDevice)
      }),
  }
}
