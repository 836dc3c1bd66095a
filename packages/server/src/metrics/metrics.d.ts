import { Counter, Gauge, Histogram, Registry } from 'prom-client';
/** Prometheus metrics of one server process; each process has its own registry. */
export interface Metrics {
    readonly registry: Registry;
    readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
    readonly activations: Counter<'outcome'>;
    readonly renewals: Counter<'outcome'>;
    readonly revocations: Counter<'kind'>;
    readonly offlineDuration: Histogram<string>;
    readonly anomalies: Counter<'code'>;
    readonly telemetryEvents: Counter<'type'>;
    readonly seatsInUse: Gauge<string>;
}
export interface MetricsOptions {
    /** Also collect the process metrics (CPU, memory, event loop). Default true. */
    defaultMetrics?: boolean;
    /**
     * Reads the seats in use from the database at each scrape (the gauge is server-wide, so every
     * replica reports the same value: aggregate with max, not sum). A failed read keeps the last value.
     */
    seatsInUse?: () => Promise<number>;
}
export declare function createMetrics(options?: MetricsOptions): Metrics;
//# sourceMappingURL=metrics.d.ts.map