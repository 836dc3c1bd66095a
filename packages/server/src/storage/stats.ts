import type { EpochSeconds } from './common-types.js'
import type { TelemetryRange } from './telemetry.js'

/** An active device whose last contact is older than some threshold (it may be offline). */
export interface StaleSeat {
  licenseId: string
  policyId: string
  deviceId: string
  lastSeenAt: EpochSeconds
}

export interface StaleSeatQuery {
  /** Devices last seen strictly before this time (seconds). */
  lastSeenBefore: EpochSeconds
  /** Default 1000, capped at 10 000; oldest contact first. */
  limit?: number
}

/** Events of one type counted by the text of one `data` field (null when absent). */
export interface TelemetryFieldCount {
  value: string | null
  count: number
}

/** Refused device requests of one problem code on one UTC day. */
export interface RefusalCount {
  /** Start of the UTC day, epoch seconds (a multiple of 86 400). */
  day: EpochSeconds
  code: string
  count: number
}

/**
 * Aggregates for the operator dashboard and the Prometheus gauges: computed in the database so
 * the server never loads a whole fleet into memory to count it.
 */
export interface StatsStorage {
  /** Active devices on licenses that are not revoked: the seats in use, server-wide. */
  countActiveSeats(): Promise<number>
  /** Active devices of non-revoked licenses last seen before the threshold, with their license's policy. */
  listStaleSeats(query: StaleSeatQuery): Promise<StaleSeat[]>
  /** Leases (activations and renewals) issued with `from <= issued_at < to`. */
  countLeasesIssued(range: { from: EpochSeconds; to: EpochSeconds }): Promise<number>
  /**
   * Events of `type` in the range counted by `data[field]` as text, most frequent first (then by
   * value). `field` must be a plain identifier.
   */
  countTelemetryBy(query: TelemetryRange & { type: string; field: string }): Promise<TelemetryFieldCount[]>
  /**
   * Adds counts of refused device requests (one upsert per day and code, so replicas add up);
   * rows older than 35 days before the newest day given are dropped.
   */
  addRefusals(counts: RefusalCount[]): Promise<void>
  /** Refusals of the days with `from <= day < to`, summed per code, most frequent first. */
  countRefusals(range: { from: EpochSeconds; to: EpochSeconds }): Promise<{ code: string; count: number }[]>
  /**
   * Histogram of the numeric `data[field]` of events of `type`: counts[i] holds the values with
   * `edges[i] <= v < edges[i + 1]`, the last bin is open-ended; values below edges[0] are not
   * counted. `edges` ascending, at most 32.
   */
  telemetryHistogram(
    query: TelemetryRange & { type: string; field: string; edges: number[] },
  ): Promise<number[]>
}
