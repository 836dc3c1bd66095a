import { type Ctx } from './context.js';
/**
 * Milliseconds a connection waits for another *process* holding the SQLite write lock before
 * failing with STORAGE_UNAVAILABLE. Connections of this process never wait here (see fileMutex).
 */
export declare const SQLITE_BUSY_TIMEOUT_MS = 5000;
export interface OpenedDialect {
    readonly ctx: Ctx;
    close(): Promise<void>;
}
/**
 * Opens one better-sqlite3 connection in WAL mode (readers never block the writer), with foreign
 * keys enforced and synchronous=NORMAL (durable across application crashes; a power cut may lose
 * the last commits but never corrupts the file).
 */
export declare function openSqlite(file: string): OpenedDialect;
//# sourceMappingURL=open-sqlite.d.ts.map