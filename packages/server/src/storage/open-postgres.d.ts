import type { OpenedDialect } from './open-sqlite.js';
/** Connections per Storage (per server replica). */
export declare const PG_POOL_SIZE = 10;
/** Milliseconds to wait for a connection before failing with STORAGE_UNAVAILABLE. */
export declare const PG_CONNECT_TIMEOUT_MS = 5000;
/** Milliseconds any statement (including a wait for a row or advisory lock) may take. */
export declare const PG_STATEMENT_TIMEOUT_MS = 30000;
/**
 * Opens a pool (stateless replicas each hold one). Transactions run at READ COMMITTED; code that
 * must serialise takes row locks (`FOR UPDATE`) or transaction-scoped advisory locks.
 * The URL may carry `?options=-c search_path=...` to select a schema.
 */
export declare function openPostgres(url: string): OpenedDialect;
//# sourceMappingURL=open-postgres.d.ts.map