import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.js'

export type Dialect = 'sqlite' | 'postgres'
export type Db = Kysely<Database>

/**
 * What every query function receives: the executor plus the three ways to run work. Query code is
 * written once against this; the dialect only decides what `atomic` means (BEGIN IMMEDIATE under a
 * per-file mutex on SQLite, a pooled READ COMMITTED transaction on PostgreSQL).
 */
export interface Ctx {
  readonly db: Db
  readonly dialect: Dialect
  /** True inside `atomic`: nested `atomic` calls then join the running transaction. */
  readonly inTransaction: boolean
  /** Runs reads (SQLite: serialised with this file's other work so it never lands inside a transaction). */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>
  /** Runs one self-contained write statement (PostgreSQL: no transaction needed; SQLite: takes the write lock). */
  write<T>(fn: (db: Db) => Promise<T>): Promise<T>
  /** Runs `fn` in one write transaction, or inside the current one. */
  atomic<T>(fn: (tx: Ctx) => Promise<T>): Promise<T>
}

/** The context handed to code already inside a transaction: everything runs on the same executor. */
export function transactionCtx(db: Db, dialect: Dialect): Ctx {
  const ctx: Ctx = {
    db,
    dialect,
    inTransaction: true,
    read: (fn) => fn(db),
    write: (fn) => fn(db),
    atomic: (fn) => fn(ctx),
  }
  return ctx
}

/**
 * Named PostgreSQL advisory locks (transaction-scoped), keyed per schema so that two deployments in
 * one database do not serialise each other. SQLite needs none: BEGIN IMMEDIATE already holds the
 * database's single write lock for the whole transaction.
 */
const ADVISORY = { migrations: 1, audit: 2, revocations: 3 } as const

export async function advisoryLock(tx: Ctx, name: keyof typeof ADVISORY): Promise<void> {
  if (tx.dialect !== 'postgres') return
  await sql`select pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '')), ${sql.lit(ADVISORY[name])})`.execute(
    tx.db,
  )
}

/**
 * Locks one license row until the transaction ends (PostgreSQL `FOR UPDATE`); every seat-changing
 * operation takes it first, so they serialise per license across replicas. Returns undefined when
 * the license does not exist. On SQLite the transaction already holds the write lock.
 */
export async function lockLicense(tx: Ctx, licenseId: string) {
  return tx.db
    .selectFrom('licenses')
    .selectAll()
    .where('id', '=', licenseId)
    .$if(tx.dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst()
}

/** JSON columns are text on both dialects. */
export const toJson = (value: unknown): string => JSON.stringify(value)
export const fromJson = <T>(text: string): T => JSON.parse(text) as T

/** Number of rows a write statement reported (Kysely returns bigint). */
export const affected = (n: bigint | undefined): number => Number(n ?? 0n)
