import type { Storage } from './storage.js';
/**
 * Opens the server's storage and brings its schema up to date before returning.
 * `postgres://…` or `postgresql://…` selects PostgreSQL (a pool; add `?options=-c search_path=…` to
 * use a schema). Anything else is a SQLite file path (a `file:` URL is accepted too); the directory
 * is created if missing, `:memory:` gives a throw-away database.
 * Fails with STORAGE_UNAVAILABLE when the database cannot be reached.
 */
export declare function openStorage(url: string): Promise<Storage>;
//# sourceMappingURL=open-storage.d.ts.map