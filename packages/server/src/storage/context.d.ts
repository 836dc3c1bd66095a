import { type Kysely } from 'kysely';
import type { Database } from './schema.js';
export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
/**
 * What every query function receives: the executor plus the three ways to run work. Query code is
 * written once against this; the dialect only decides what `atomic` means (BEGIN IMMEDIATE under a
 * per-file mutex on SQLite, a pooled READ COMMITTED transaction on PostgreSQL).
 */
export interface Ctx {
    readonly db: Db;
    readonly dialect: Dialect;
    /** True inside `atomic`: nested `atomic` calls then join the running transaction. */
    readonly inTransaction: boolean;
    /** Runs reads (SQLite: serialised with this file's other work so it never lands inside a transaction). */
    read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
    /** Runs one self-contained write statement (PostgreSQL: no transaction needed; SQLite: takes the write lock). */
    write<T>(fn: (db: Db) => Promise<T>): Promise<T>;
    /** Runs `fn` in one write transaction, or inside the current one. */
    atomic<T>(fn: (tx: Ctx) => Promise<T>): Promise<T>;
}
/** The context handed to code already inside a transaction: everything runs on the same executor. */
export declare function transactionCtx(db: Db, dialect: Dialect): Ctx;
/**
 * Named PostgreSQL advisory locks (transaction-scoped), keyed per schema so that two deployments in
 * one database do not serialise each other. SQLite needs none: BEGIN IMMEDIATE already holds the
 * database's single write lock for the whole transaction.
 */
declare const ADVISORY: {
    readonly migrations: 1;
    readonly audit: 2;
    readonly revocations: 3;
};
export declare function advisoryLock(tx: Ctx, name: keyof typeof ADVISORY): Promise<void>;
/**
 * Locks one license row until the transaction ends (PostgreSQL `FOR UPDATE`); every seat-changing
 * operation takes it first, so they serialise per license across replicas. Returns undefined when
 * the license does not exist. On SQLite the transaction already holds the write lock.
 */
export declare function lockLicense(tx: Ctx, licenseId: string): Promise<{
    id: string;
    features: string;
    status: string;
    product_id: string;
    policy_id: string;
    key_hash: string;
    key_hint: string;
    owner_ref: string;
    edition: string;
    seats: number;
    expires_at: number | null;
    revoked_reason: string | null;
    transfers_used: number;
    last_transfer_at: number | null;
    created_at: number;
} | undefined>;
/** JSON columns are text on both dialects. */
export declare const toJson: (value: unknown) => string;
export declare const fromJson: <T>(text: string) => T;
/** Number of rows a write statement reported (Kysely returns bigint). */
export declare const affected: (n: bigint | undefined) => number;
export {};
//# sourceMappingURL=context.d.ts.map