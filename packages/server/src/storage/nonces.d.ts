import type { EpochSeconds } from './common-types.js';
/** Single-use values (challenges, replay protection) and shared rate-limit counters. */
export interface NonceStorage {
    /** Stores a single-use value for `purpose` until `expiresAt` (seconds). STORAGE_CONFLICT if present. */
    putNonce(nonce: {
        value: string;
        purpose: string;
        expiresAt: EpochSeconds;
    }): Promise<void>;
    /**
     * True exactly once for an unexpired nonce, even when called concurrently from several processes
     * (the row is deleted by a single statement; only one deleter can see it).
     */
    consumeNonce(value: string, purpose: string, now: EpochSeconds): Promise<boolean>;
    /** Deletes nonces, remembered keys and rate-limit windows that ended at or before `now`; returns rows removed. */
    pruneNonces(now: EpochSeconds): Promise<number>;
    /**
     * Replay protection for request ids (`jti`): true the first time a key is seen, false after, until
     * the entry is pruned after `expiresAt` (seconds). Keys live apart from nonces (own purpose).
     */
    rememberOnce(key: string, expiresAt: EpochSeconds): Promise<boolean>;
    /**
     * Counts a hit in `bucket`'s fixed window of `windowSeconds` containing `now` and returns the
     * count so far in that window (1 for the first hit). One atomic upsert, so all replicas share it.
     */
    hitRateLimit(bucket: string, windowSeconds: number, now: EpochSeconds): Promise<number>;
}
//# sourceMappingURL=nonces.d.ts.map