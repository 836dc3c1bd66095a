import { mkdirSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { transactionCtx } from './context.js';
import { fileMutex, runInside } from './mutex.js';
/**
 * Milliseconds a connection waits for another *process* holding the SQLite write lock before
 * failing with STORAGE_UNAVAILABLE. Connections of this process never wait here (see fileMutex).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/**
 * Opens one better-sqlite3 connection in WAL mode (readers never block the writer), with foreign
 * keys enforced and synchronous=NORMAL (durable across application crashes; a power cut may lose
 * the last commits but never corrupts the file).
 */
export function openSqlite(file) {
    if (file !== ':memory:')
        mkdirSync(dirname(file), { recursive: true });
    const native = new BetterSqlite3(file);
    try {
        native.pragma('journal_mode = WAL');
        native.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
        native.pragma('foreign_keys = ON');
        native.pragma('synchronous = NORMAL');
    }
    catch (err) {
        native.close();
        throw err;
    }
    const key = file === ':memory:' ? `:memory:${Math.random()}` : realpathSync(file);
    const lock = fileMutex(key);
    const db = new Kysely({ dialect: new SqliteDialect({ database: native }) });
    const ctx = {
        db,
        dialect: 'sqlite',
        inTransaction: false,
        read: (fn) => lock.mutex.run(() => fn(db)),
        write: (fn) => ctx.atomic((tx) => fn(tx.db)),
        atomic: (fn) => lock.mutex.run(() => runInside(lock.mutex, () => immediate(db, fn))),
    };
    return {
        ctx,
        async close() {
            await closeUnder(lock.mutex, db);
            lock.release();
        },
    };
}
/**
 * Kysely's SQLite transactions start with a deferred BEGIN, which takes the write lock only at the
 * first write; a concurrent writer in another process then fails with SQLITE_BUSY instead of
 * waiting. BEGIN IMMEDIATE takes the write lock up front, so read-check-write sequences (seats,
 * nonces, the audit chain) serialise across connections and processes.
 */
async function immediate(db, fn) {
    await sql `begin immediate`.execute(db);
    try {
        const result = await fn(transactionCtx(db, 'sqlite'));
        await sql `commit`.execute(db);
        return result;
    }
    catch (err) {
        await sql `rollback`.execute(db).catch(() => undefined); // SQLite already rolled back on some errors
        throw err;
    }
}
function closeUnder(mutex, db) {
    return mutex.run(() => db.destroy());
}
//# sourceMappingURL=open-sqlite.js.map