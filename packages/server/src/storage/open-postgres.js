import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { transactionCtx } from './context.js';
import { assertNotInside, runInside } from './mutex.js';
/** Connections per Storage (per server replica). */
export const PG_POOL_SIZE = 10;
/** Milliseconds to wait for a connection before failing with STORAGE_UNAVAILABLE. */
export const PG_CONNECT_TIMEOUT_MS = 5_000;
/** Milliseconds any statement (including a wait for a row or advisory lock) may take. */
export const PG_STATEMENT_TIMEOUT_MS = 30_000;
const INT8_OID = 20;
/**
 * Timestamps and sequence numbers are `bigint` columns; node-postgres returns int8 as strings to
 * avoid precision loss above 2^53, which epoch seconds and counters never reach. Parsed per pool,
 * not through the global `pg.types`, so other pg users in the process are unaffected.
 */
const types = {
    getTypeParser: ((oid, format) => oid === INT8_OID && format !== 'binary'
        ? (value) => Number(value)
        : pg.types.getTypeParser(oid, format)),
};
/**
 * Opens a pool (stateless replicas each hold one). Transactions run at READ COMMITTED; code that
 * must serialise takes row locks (`FOR UPDATE`) or transaction-scoped advisory locks.
 * The URL may carry `?options=-c search_path=...` to select a schema.
 */
export function openPostgres(url) {
    const pool = new pg.Pool({
        connectionString: url,
        max: PG_POOL_SIZE,
        connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
        statement_timeout: PG_STATEMENT_TIMEOUT_MS,
        idle_in_transaction_session_timeout: PG_STATEMENT_TIMEOUT_MS * 2,
        application_name: 'tessera-server',
        types,
    });
    // An idle client losing its connection emits 'error' on the pool; unhandled, it would crash the
    // process. The next query on the pool reports the outage as STORAGE_UNAVAILABLE instead.
    pool.on('error', () => undefined);
    const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    const token = {};
    const ctx = {
        db,
        dialect: 'postgres',
        inTransaction: false,
        read: (fn) => {
            assertNotInside(token);
            return fn(db);
        },
        write: (fn) => ctx.read(fn),
        atomic: (fn) => {
            assertNotInside(token);
            return db.transaction().execute((trx) => runInside(token, () => fn(transactionCtx(trx, 'postgres'))));
        },
    };
    return { ctx, close: () => db.destroy() };
}
//# sourceMappingURL=open-postgres.js.map