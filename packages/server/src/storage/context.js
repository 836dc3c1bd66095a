import { sql } from 'kysely';
/** The context handed to code already inside a transaction: everything runs on the same executor. */
export function transactionCtx(db, dialect) {
    const ctx = {
        db,
        dialect,
        inTransaction: true,
        read: (fn) => fn(db),
        write: (fn) => fn(db),
        atomic: (fn) => fn(ctx),
    };
    return ctx;
}
/**
 * Named PostgreSQL advisory locks (transaction-scoped), keyed per schema so that two deployments in
 * one database do not serialise each other. SQLite needs none: BEGIN IMMEDIATE already holds the
 * database's single write lock for the whole transaction.
 */
const ADVISORY = { migrations: 1, audit: 2, revocations: 3 };
export async function advisoryLock(tx, name) {
    if (tx.dialect !== 'postgres')
        return;
    await sql `select pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '')), ${sql.lit(ADVISORY[name])})`.execute(tx.db);
}
/**
 * Locks one license row until the transaction ends (PostgreSQL `FOR UPDATE`); every seat-changing
 * operation takes it first, so they serialise per license across replicas. Returns undefined when
 * the license does not exist. On SQLite the transaction already holds the write lock.
 */
export async function lockLicense(tx, licenseId) {
    return tx.db
        .selectFrom('licenses')
        .selectAll()
        .where('id', '=', licenseId)
        .$if(tx.dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
}
/** JSON columns are text on both dialects. */
export const toJson = (value) => JSON.stringify(value);
export const fromJson = (text) => JSON.parse(text);
/** Number of rows a write statement reported (Kysely returns bigint). */
export const affected = (n) => Number(n ?? 0n);
//# sourceMappingURL=context.js.map