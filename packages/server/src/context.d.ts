import type { Keyring } from './keys/keyring.js';
import type { Metrics } from './metrics/metrics.js';
import type { Storage } from './storage/index.js';
/** Limits of the device endpoints. Counts per window of `windowSeconds`. */
export interface RateLimits {
    /** Seconds of one counting window. Default 60. */
    windowSeconds: number;
    /** Device requests per client IP per window. Default 600. */
    perIp: number;
    /** Device requests per license per window. Default 120. */
    perLicense: number;
}
/** What every route and service needs, injected (time and randomness included) so tests control it. */
export interface ServerContext {
    readonly storage: Storage;
    readonly keyring: Keyring;
    readonly metrics: Metrics;
    /** Current time, epoch seconds. */
    readonly now: () => number;
    /** Cryptographically secure random bytes. */
    readonly random: (size: number) => Uint8Array;
    readonly dataDir: string;
    readonly rateLimits: RateLimits;
    /** Seconds a device proof may be early or late. Default 300. */
    readonly proofSkewSeconds: number;
}
export declare const DEFAULT_RATE_LIMITS: RateLimits;
//# sourceMappingURL=context.d.ts.map