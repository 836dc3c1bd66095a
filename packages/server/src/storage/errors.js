/**
 * The one error class of the storage layer: a stable `code`, a message naming at most a table or
 * constraint (never a value: values can be key hashes, nonces or tokens), the driver error on `cause`.
 */
export class StorageError extends Error {
    code;
    constructor(code, message, options) {
        super(message, options);
        this.name = 'StorageError';
        this.code = code;
    }
    /** True when retrying later may succeed (the HTTP layer answers 503 with Retry-After). */
    get retryable() {
        return this.code === 'STORAGE_UNAVAILABLE';
    }
}
/** True when `err` is a StorageError, optionally with the given code. */
export function isStorageError(err, code) {
    return err instanceof StorageError && (code === undefined || err.code === code);
}
const NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ENOTFOUND',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EAI_AGAIN',
    'EPIPE',
]);
const PG_UNAVAILABLE_MESSAGE = /connection terminated|timeout exceeded when trying to connect|not queryable|connection error|after calling end on the pool/i;
/**
 * Classifies a driver error, or returns undefined when `err` is not recognisably one (so errors
 * thrown by a caller's own code inside `transaction()` pass through untouched).
 */
export function classifyDriverError(err) {
    if (err instanceof StorageError)
        return err;
    if (typeof err !== 'object' || err === null)
        return undefined;
    const e = err;
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || isAggregateOfNetworkErrors(e)) {
        return new StorageError('STORAGE_UNAVAILABLE', 'database unreachable', { cause: err });
    }
    if (code.startsWith('SQLITE_'))
        return classifySqlite(code, String(e.message ?? ''), err);
    if (/^[0-9A-Z]{5}$/.test(code) && e.severity !== undefined) {
        return classifyPostgres(code, typeof e.constraint === 'string' ? e.constraint : '', err);
    }
    if (typeof e.message === 'string' && PG_UNAVAILABLE_MESSAGE.test(e.message)) {
        return new StorageError('STORAGE_UNAVAILABLE', 'database connection lost', { cause: err });
    }
    return undefined;
}
/** Like classifyDriverError, but wraps anything unrecognised as STORAGE_FAILURE. */
export function toStorageError(err) {
    return (classifyDriverError(err) ??
        new StorageError('STORAGE_FAILURE', 'storage operation failed', { cause: err }));
}
function isAggregateOfNetworkErrors(e) {
    return (Array.isArray(e.errors) &&
        e.errors.length > 0 &&
        e.errors.every((x) => typeof x?.code === 'string' && NETWORK_CODES.has(x.code)));
}
function classifySqlite(code, message, cause) {
    // better-sqlite3 messages name table.column ("UNIQUE constraint failed: licenses.key_hash"), never values.
    const where = message.includes('constraint failed: ') ? `: ${message.split('constraint failed: ')[1]}` : '';
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        return new StorageError('STORAGE_CONFLICT', `unique constraint violated${where}`, { cause });
    }
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        return new StorageError('STORAGE_NOT_FOUND', 'referenced row does not exist', { cause });
    }
    if (code.startsWith('SQLITE_CONSTRAINT')) {
        return new StorageError('STORAGE_INVALID', `constraint violated${where}`, { cause });
    }
    if (/^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|PROTOCOL)/.test(code)) {
        return new StorageError('STORAGE_UNAVAILABLE', `database unavailable (${code})`, { cause });
    }
    return new StorageError('STORAGE_FAILURE', `database error (${code})`, { cause });
}
function classifyPostgres(sqlState, constraint, cause) {
    const named = constraint ? ` (${constraint})` : '';
    if (sqlState === '23505')
        return new StorageError('STORAGE_CONFLICT', `unique constraint violated${named}`, { cause });
    if (sqlState === '23503')
        return new StorageError('STORAGE_NOT_FOUND', 'referenced row does not exist', { cause });
    if (sqlState.startsWith('23') || sqlState.startsWith('22')) {
        return new StorageError('STORAGE_INVALID', `constraint violated${named}`, { cause });
    }
    // 08 connection, 53 resources, 57 operator intervention / timeouts, 40 deadlock or serialization,
    // 55P03 lock not available, 28 auth, 3D000 missing database: all "try again later" for a client.
    if (/^(08|53|57|40|28)/.test(sqlState) || sqlState === '55P03' || sqlState === '3D000') {
        return new StorageError('STORAGE_UNAVAILABLE', `database unavailable (${sqlState})`, { cause });
    }
    return new StorageError('STORAGE_FAILURE', `database error (${sqlState})`, { cause });
}
//# sourceMappingURL=errors.js.map