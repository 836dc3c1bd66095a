import { sql } from 'kysely'
import { pageOf } from './common-types.js'
import type { Ctx, Db } from './context.js'
import { toDevice } from './device-rows.js'
import type { DeviceQuery, DeviceStorage } from './devices.js'

/** The filtered device set; the prefix test uses substr so it is exact and case-sensitive on both dialects. */
function matching(db: Db, q: DeviceQuery) {
  const text = q.search ?? ''
  return db
    .selectFrom('devices')
    .$if(q.licenseId !== undefined, (b) => b.where('license_id', '=', q.licenseId as string))
    .$if(q.status !== undefined, (b) => b.where('status', '=', q.status as string))
    .$if(text.length > 0, (b) =>
      b.where((eb) =>
        eb.or([
          eb(sql<string>`substr(device_id, 1, ${sql.lit([...text].length)})`, '=', text),
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
        const rows = await matching(db, query)
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
        const row = await matching(db, query)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
        return Number(row?.n ?? 0)
      }),
    findDevice: (deviceId) =>
      ctx.read(async (db) => {
        const rows = await db
          .selectFrom('devices')
          .selectAll()
          .where('device_id', '=', deviceId)
          .orderBy('last_seen_at', 'desc')
          .orderBy('license_id')
          .execute()
        return rows.map(toDevice)
      }),
  }
}
