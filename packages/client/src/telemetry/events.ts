import type { Decision, ReasonCode } from '@tessera/core'
import type { TelemetryEvent } from '../transport/transport.js'

/** An event before the queue gives it its id. */
export type NewEvent = Omit<TelemetryEvent, 'id'>

/** Reason codes worth reporting as anomalies: signs of tampering, cloning or a broken clock. */
const ANOMALIES: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'CLOCK_ROLLBACK',
  'STORE_CORRUPT',
  'KEYSET_ROLLBACK',
  'ROOT_ROTATION_INVALID',
  'KEYSET_INVALID',
  'LEASE_INVALID',
  'BUNDLE_INVALID',
  'STATUS_INVALID',
  'DEVICE_MISMATCH',
  'FINGERPRINT_MISMATCH',
  'FINGERPRINT_CHANGED',
])

/**
 * Anomaly events for reasons that appeared since the previous decision: one event per episode,
 * not one per check() call. `at` is the decision's trusted time estimate.
 */
export function newAnomalies(previous: Decision | null, next: Decision): NewEvent[] {
  const before = new Set(previous?.reasons ?? [])
  return next.reasons
    .filter((code) => ANOMALIES.has(code) && !before.has(code))
    .map((code) => ({ type: 'anomaly' as const, at: next.time, code }))
}

/** The outcome of a renewal attempt as the telemetry schema words it. */
export function renewalEvent(
  at: number,
  outcome: 'ok' | 'offline' | 'server_error' | 'rejected',
  code?: string,
): NewEvent {
  return code === undefined ? { type: 'renewal', at, outcome } : { type: 'renewal', at, outcome, code }
}

/** How long the device was cut off, reported when contact comes back. */
export function offlineEvent(at: number, seconds: number): NewEvent {
  return { type: 'offline', at, seconds: Math.max(0, Math.round(seconds)) }
}
