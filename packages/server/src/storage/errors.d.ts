/**
 * Stable storage error codes. The HTTP layer maps them without reading messages:
 * `STORAGE_UNAVAILABLE` → 503 with Retry-After (transient: unreachable, busy, deadlock),
 * `STORAGE_CONFLICT` → 409 (unique violation or a state that forbids the change),
 * `STORAGE_NOT_FOUND` → 404 (the row, or a row it references, does not exist),
 * `STORAGE_INVALID` → 400 (a check / not-null constraint rejected the value),
 * `STORAGE_MISUSE` → 500 (a programming error, e.g. calling the outer storage inside its own transaction),
 * `STORAGE_FAILURE` → 500 (anything else).
 */
export type StorageErrorCode = 'STORAGE_UNAVAILABLE' | 'STORAGE_CONFLICT' | 'STORAGE_NOT_FOUND' | 'STORAGE_INVALID' | 'STORAGE_MISUSE' | 'STORAGE_FAILURE';
/**
 * The one error class of the storage layer: a stable `code`, a message naming at most a table or
 * constraint (never a value: values can be key hashes, nonces or tokens), the driver error on `cause`.
 */
export declare class StorageError extends Error {
    readonly code: StorageErrorCode;
    constructor(code: StorageErrorCode, message: string, options?: {
        cause?: unknown;
    });
    /** True when retrying later may succeed (the HTTP layer answers 503 with Retry-After). */
    get retryable(): boolean;
}
/** True when `err` is a StorageError, optionally with the given code. */
export declare function isStorageError(err: unknown, code?: StorageErrorCode): err is StorageError;
/**
 * Classifies a driver error, or returns undefined when `err` is not recognisably one (so errors
 * thrown by a caller's own code inside `transaction()` pass through untouched).
 */
export declare function classifyDriverError(err: unknown): StorageError | undefined;
/** Like classifyDriverError, but wraps anything unrecognised as STORAGE_FAILURE. */
export declare function toStorageError(err: unknown): StorageError;
//# sourceMappingURL=errors.d.ts.map