import { fileURLToPath } from 'node:url';
import { bindStorage } from './bind-storage.js';
import { toStorageError } from './errors.js';
import { migrate } from './migrate.js';
import { openPostgres } from './open-postgres.js';
import { openSqlite } from './open-sqlite.js';
const POSTGRES_URL = /^postgres(ql)?:\/\//i;
/**
 * Opens the server's storage and brings its schema up to date before returning.
 * `postgres://…` or `postgresql://…` selects PostgreSQL (a pool; add `?options=-c search_path=…` to
 * use a schema). Anything else is a SQLite file path (a `file:` URL is accepted too); the directory
 * is created if missing, `:memory:` gives a throw-away database.
 * Fails with STORAGE_UNAVAILABLE when the database cannot be reached.
 */
export async function openStorage(url) {
    let opened;
    try {
        opened = POSTGRES_URL.test(url)
            ? openPostgres(url)
            : openSqlite(url.startsWith('file:') ? fileURLToPath(url) : url);
    }
    catch (err) {
        throw toStorageError(err);
    }
    try {
        await migrate(opened.ctx);
    }
    catch (err) {
        await opened.close().catch(() => undefined);
        throw toStorageError(err);
    }
    return bindStorage(opened.ctx, { closed: false, close: () => opened.close() });
}
//# sourceMappingURL=open-storage.js.map