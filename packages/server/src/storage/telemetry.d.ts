import type { EpochSeconds, JsonObject } from './common-types.js';
/**
 * A privacy-safe client event (renewal attempt/outcome, offline duration, anomaly). `deviceHash`
 * is a salted hash, never a device id; `data` holds counters and outcome codes only.
 */
export interface TelemetryEvent {
    /** Client-generated id: re-uploading a queued event is a no-op. */
    id: string;
    deviceHash: string;
    productId: string;
    type: string;
    /** When it happened on the client (seconds). */
    at: EpochSeconds;
    data: JsonObject;
    /** When the server stored it (seconds). */
    receivedAt: EpochSeconds;
}
/** Events with `from <= at < to` (seconds), optionally of one product. */
export interface TelemetryRange {
    productId?: string;
    from: EpochSeconds;
    to: EpochSeconds;
}
export interface TelemetryCount {
    type: string;
    /** `data.outcome` when it is present (as text), else null. */
    outcome: string | null;
    count: number;
}
export interface TelemetryStorage {
    /** Stores events, ignoring ids already stored; returns how many were new. */
    insertTelemetry(events: readonly TelemetryEvent[]): Promise<number>;
    /** Counts by type and outcome, ordered by type then outcome. */
    countTelemetry(range: TelemetryRange): Promise<TelemetryCount[]>;
    /**
     * The numeric `data[field]` of events of `type`, ascending (e.g. type 'offline', field
     * 'seconds' for the offline-duration distribution). Events where the field is not a number are skipped.
     * `field` must be a plain identifier.
     */
    telemetryValues(query: TelemetryRange & {
        type: string;
        field: string;
    }): Promise<number[]>;
    /** Deletes events received before `before` (seconds); returns how many. */
    pruneTelemetry(before: EpochSeconds): Promise<number>;
}
//# sourceMappingURL=telemetry.d.ts.map