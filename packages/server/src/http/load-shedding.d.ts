import type { FastifyInstance } from 'fastify';
/**
 * Load shedding: past capacity the server answers 503 OVERLOADED (problem+json, Retry-After) at
 * once instead of queueing work it cannot finish in time, so admitted requests keep a bounded
 * latency and the server recovers as soon as the load drops. Two signals, either one sheds:
 * requests in flight over `maxInFlight`, or the event loop's recent p99 delay over
 * `maxEventLoopDelayMs`. Health, readiness and metrics are never shed.
 */
export interface LoadSheddingOptions {
    /** Requests being handled at once before new ones are shed; 0 disables. Default 512. */
    maxInFlight?: number;
    /** Event-loop delay (p99 of the last sample interval, ms) above which requests are shed; 0 disables. Default 500. */
    maxEventLoopDelayMs?: number;
    /** Seconds sent as Retry-After on a shed request. Default 2. */
    retryAfterSeconds?: number;
    /** How often the event-loop delay is sampled, ms. Default 250. */
    sampleIntervalMs?: number;
    /** Paths (no query) never shed. Default /healthz, /readyz, /metrics. */
    exempt?: readonly string[];
}
export declare const DEFAULT_LOAD_SHEDDING: Required<LoadSheddingOptions>;
/** Registers the hooks on the root instance (not encapsulated): call before the routes. */
export declare function installLoadShedding(app: FastifyInstance, options?: LoadSheddingOptions | false): void;
//# sourceMappingURL=load-shedding.d.ts.map