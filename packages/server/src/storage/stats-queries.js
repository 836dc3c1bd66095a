import { sql } from 'kysely';
import { StorageError } from './errors.js';
import { IDENTIFIER, jsonNumber, jsonText } from './telemetry-queries.js';
const MAX_STALE = 10_000;
const MAX_EDGES = 32;
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
function checkField(field) {
    if (!IDENTIFIER.test(field))
        throw new StorageError('STORAGE_INVALID', 'field must be a plain identifier');
}
export function statsQueries(ctx) {
    const events = (db, range, type) => db
        .selectFrom('telemetry_events')
        .where('type', '=', type)
        .where('at', '>=', range.from)
        .where('at', '<', range.to)
        .$if(range.productId !== undefined, (q) => q.where('product_id', '=', range.productId));
    return {
        countActiveSeats: () => ctx.read(async (db) => {
            const row = await db
                .selectFrom('devices')
                .innerJoin('licenses', 'licenses.id', 'devices.license_id')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('devices.status', '=', 'active')
                .where('licenses.status', '<>', 'revoked')
                .executeTakeFirst();
            return Number(row?.n ?? 0);
        }),
        listStaleSeats: ({ lastSeenBefore, limit }) => ctx.read(async (db) => {
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
                .execute();
            return rows.map((r) => ({ ...r, lastSeenAt: Number(r.lastSeenAt) }));
        }),
        countLeasesIssued: ({ from, to }) => ctx.read(async (db) => {
            const row = await db
                .selectFrom('leases')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('issued_at', '>=', from)
                .where('issued_at', '<', to)
                .executeTakeFirst();
            return Number(row?.n ?? 0);
        }),
        countTelemetryBy: ({ type, field, ...range }) => ctx.read(async (db) => {
            checkField(field);
            const value = jsonText(ctx.dialect, field);
            const rows = await events(db, range, type)
                .select((eb) => [value.as('value'), eb.fn.countAll().as('n')])
                .groupBy(value)
                .execute();
            // Sorted here: NULL placement and text collation differ between the dialects.
            return rows
                .map((r) => ({ value: r.value ?? null, count: Number(r.n) }))
                .sort((a, b) => b.count - a.count || compare(a.value ?? '', b.value ?? ''));
        }),
        telemetryHistogram: ({ type, field, edges, ...range }) => ctx.read(async (db) => {
            checkField(field);
            if (edges.length === 0 ||
                edges.length > MAX_EDGES ||
                edges.some((e, i) => !Number.isFinite(e) || (i > 0 && e <= edges[i - 1]))) {
                throw new StorageError('STORAGE_INVALID', 'edges must be 1..32 ascending finite numbers');
            }
            const { value, isNumber } = jsonNumber(ctx.dialect, field);
            // One conditional sum per bin, so the database returns len(edges) numbers whatever the fleet size.
            const bins = edges.map((from, i) => {
                const to = edges[i + 1];
                const cond = to === undefined
                    ? sql `${value} >= ${sql.lit(from)}`
                    : sql `${value} >= ${sql.lit(from)} and ${value} < ${sql.lit(to)}`;
                return sql `sum(case when ${cond} then 1 else 0 end)`.as(`b${i}`);
            });
            const row = (await events(db, range, type).where(isNumber).select(bins).executeTakeFirst());
            return edges.map((_, i) => Number(row?.[`b${i}`] ?? 0));
        }),
    };
}
//# sourceMappingURL=stats-queries.js.map