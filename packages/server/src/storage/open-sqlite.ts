import { mkdirSync, realpathSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { type Ctx, type Db, transactionCtx } from './context.js'
import { fileMutex, type Mutex, runInside } from './mutex.js'
import type { Database } from './schema.js'

/**
 * Milliseconds a connection waits for another *process* holding the SQLite write lock before
 * failing with STORAGE_UNAVAILABLE. Connections of this process never wait here (see fileMutex).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000

export interface OpenedDialect {
  readonly ctx: Ctx
  close(): Promise<void>
}

/**
 * Opens one better-sqlite3 connection in WAL mode (readers never block the writer), with foreign
 * keys enforced and synchronous=NORMAL (durable across application crashes; a power cut may lose
 * the last commits but never corrupts the file).
 */
export function openSqlite(file: string): OpenedDialect {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const native = new BetterSqlite3(file)
  try {
    native.pragma('journal_mode = WAL')
    native.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`)
    native.pragma('foreign_keys = ON')
    native.pragma('synchronous = NORMAL')
  } catch (err) {
    native.close()
    throw err
  }
  const key = file === ':memory:' ? `:memory:${Math.random()}` : realpathSync(file)
  const lock = fileMutex(key)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(native) }) })
  const txCtx = transactionCtx(db, 'sqlite') // one connection: every transaction runs on the same executor
  const ctx: Ctx = {
    db,
    dialect: 'sqlite',
    inTransaction: false,
    read: (fn) => lock.mutex.run(() => fn(db)),
    write: (fn) => ctx.atomic((tx) => fn(tx.db)),
    atomic: (fn) => lock.mutex.run(() => runInside(lock.mutex, () => immediate(txCtx, fn))),
  }
  return {
    ctx,
    async close() {
      await closeUnder(lock.mutex, db)
      lock.release()
    },
  }
}

/**
 * Kysely's SQLite transactions start with a deferred BEGIN, which takes the write lock only at the
 * first write; a concurrent writer in another process then fails with SQLITE_BUSY instead of
 * waiting. BEGIN IMMEDIATE takes the write lock up front, so read-check-write sequences (seats,
 * nonces, the audit chain) serialise across connections and processes.
 */
async function immediate<T>(tx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  const { db } = tx
  await sql`begin immediate`.execute(db)
  try {
    const result = await fn(tx)
    await sql`commit`.execute(db)
    return result
  } catch (err) {
    await sql`rollback`.execute(db).catch(() => undefined) // SQLite already rolled back on some errors
    throw err
  }
}

function closeUnder(mutex: Mutex, db: Db): Promise<void> {
  return mutex.run(() => db.destroy())
}

/** Most prepared statements kept per connection; the server issues a few dozen distinct ones. */
const STATEMENT_CACHE_SIZE = 512

/**
 * Kysely prepares every query anew; preparing costs SQLite a parse and plan each time. The server
 * runs the same few dozen statements over and over, so they are prepared once and reused (safe:
 * better-sqlite3 runs each statement to completion synchronously).
 */
function cachingStatements(native: BetterSqlite3.Database): {
  prepare(sql: string): BetterSqlite3.Statement
  close(): void
} {
  const cache = new Map<string, BetterSqlite3.Statement>()
  return {
    prepare(text: string) {
      let statement = cache.get(text)
      if (!statement) {
        statement = native.prepare(text)
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
        cache.set(text, statement)
      }
      return statement
    },
    close: () => native.close(),
  }
}
