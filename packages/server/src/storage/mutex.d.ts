/**
 * Throws STORAGE_MISUSE when called from inside a transaction guarded by `token`: going through
 * the outer storage there would wait for the transaction that is waiting for it (a silent
 * deadlock); the caller must use the transaction handle instead.
 */
export declare function assertNotInside(token: object): void;
/** Runs `fn` marked as inside the transaction guarded by `token`. */
export declare function runInside<T>(token: object, fn: () => Promise<T>): Promise<T>;
/** A FIFO async mutex: one holder at a time, in arrival order. */
export declare class Mutex {
    #private;
    run<T>(fn: () => Promise<T>): Promise<T>;
}
/**
 * The process-wide mutex for one SQLite file. better-sqlite3 waits for locks synchronously
 * (busy_timeout), so two connections of the same process must never contend inside SQLite: the
 * holder could not run while the waiter blocks the thread. They queue here instead; only other
 * processes ever meet SQLite's own lock, where a blocking wait is correct.
 */
export declare function fileMutex(key: string): {
    mutex: Mutex;
    release(): void;
};
//# sourceMappingURL=mutex.d.ts.map