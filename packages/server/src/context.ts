import type { Keyring } from './keys/keyring.js'
import type { Metrics } from './metrics/metrics.js'
import type { RefusalCounter } from './security/refusal-counter.js'
import type { WindowCounter } from './security/window-counter.js'
import type { Storage } from './storage/index.js'

/** Limits of the device endpoints. Counts per window of `windowSeconds`. */
export interface RateLimits {
  /** Seconds of one counting window. Default 60. */
  windowSeconds: number
  /** Device requests per client IP per window, counted by each replica on its own. Default 600. */
  perIp: number
  /** Device requests per license per window. Default 120. */
  perLicense: number
}

/** What every route and service needs, injected (time and randomness included) so tests control it. */
export interface ServerContext {
  readonly storage: Storage
  readonly keyring: Keyring
  readonly metrics: Metrics
  /** Current time, epoch seconds. */
  readonly now: () => number
  /** Cryptographically secure random bytes. */
  readonly random: (size: number) => Uint8Array
  readonly dataDir: string
  readonly rateLimits: RateLimits
  /** This replica's per-IP request counters (the per-license ones live in the database). */
  readonly ipRequests: WindowCounter
  /** Seconds a device proof may be early or late. Default 300. */
  readonly proofSkewSeconds: number
  /** Refused device requests by problem code, batched into the database (server-side anomalies). */
  readonly refusals: RefusalCounter
}

export const DEFAULT_RATE_LIMITS: RateLimits = Object.freeze({
  windowSeconds: 60,
  perIp: 600,
  perLicense: 120,
})
