import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

/** Prometheus metrics of one server process; each process has its own registry. */
export interface Metrics {
  readonly registry: Registry
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>
  readonly activations: Counter<'outcome'>
  readonly renewals: Counter<'outcome'>
  readonly revocations: Counter<'kind'>
  readonly offlineDuration: Histogram<string>
  readonly anomalies: Counter<'code'>
  readonly telemetryEvents: Counter<'type'>
  readonly seatsInUse: Gauge<string>
}

const DAY = 86_400

export interface MetricsOptions {
  /** Also collect the process metrics (CPU, memory, event loop). Default true. */
  defaultMetrics?: boolean
  /**
   * Reads the seats in use from the database at each scrape (the gauge is server-wide, so every
   * replica reports the same value: aggregate with max, not sum). A failed read keeps the last value.
   */
  seatsInUse?: () => Promise<number>
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry()
  if (options.defaultMetrics !== false)
    collectDefaultMetrics({ register: registry, prefix: 'tessera_process_' })
  const registers = [registry]
  return {
    registry,
    httpDuration: new Histogram({
      name: 'tessera_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    activations: new Counter({
      name: 'tessera_activations_total',
      help: 'Activations by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    renewals: new Counter({
      name: 'tessera_renewals_total',
      help: 'Renewals by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    revocations: new Counter({
      name: 'tessera_revocations_total',
      help: 'Revocations by kind',
      labelNames: ['kind'],
      registers,
    }),
    offlineDuration: new Histogram({
      name: 'tessera_client_offline_duration_seconds',
      help: 'Offline periods reported by clients',
      buckets: [3600, 6 * 3600, DAY, 2 * DAY, 3 * DAY, 7 * DAY, 10 * DAY, 14 * DAY, 30 * DAY],
      registers,
    }),
    anomalies: new Counter({
      name: 'tessera_client_anomalies_total',
      help: 'Anomalies reported by clients',
      labelNames: ['code'],
      registers,
    }),
    telemetryEvents: new Counter({
      name: 'tessera_telemetry_events_total',
      help: 'Telemetry events accepted',
      labelNames: ['type'],
      registers,
    }),
    seatsInUse: new Gauge({
      name: 'tessera_seats_in_use',
      help: 'Active devices holding a seat (server-wide, read from the database at each scrape)',
      registers,
      async collect() {
        if (!options.seatsInUse) return
        try {
          this.set(await options.seatsInUse())
        } catch {
          // Database unreachable: keep the last value; /readyz reports the outage.
        }
      },
    }),
  }
}
