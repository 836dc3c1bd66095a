import type { Decision } from '@tessera/core'
import type { Engine } from '../lease/engine.js'
import { acceptStatusReceipt, withProofRetry } from '../lease/status-receipts.js'
import { offlineEvent } from '../telemetry/events.js'
import { isTransportError } from '../transport/transport-error.js'
import { nextAttemptAt } from './schedule.js'

/** Reasons a renewal cannot cure: the lease belongs to another device (a copied store). */
const NOT_OURS = new Set(['DEVICE_MISMATCH', 'FINGERPRINT_MISMATCH'])

/**
 * Whether automatic renewal should run for this decision at all: a license id is known, the
 * license is not revoked, and the stored lease is this device's (or unreadable, to be refetched).
 */
export function renewable(engine: Engine, decision: Decision): boolean {
  if (engine.state.licenseId() === null || decision.state === 'revoked') return false
  return !decision.reasons.some((r) => NOT_OURS.has(r))
}

/** Reasons that a renewal now would cure, so it should not wait for the lease's renew-after. */
const DUE_NOW = new Set([
  'RENEWAL_DUE',
  'IN_GRACE',
  'GRACE_ENDED',
  'OFFLINE_TOO_LONG',
  'KEYSET_EXPIRED',
  'STORE_CORRUPT',
])

/**
 * System time of the next automatic renewal attempt for `decision`, or null when none is planned.
 * While active, renewal is due at the decision's deadline (renew-after, or earlier when the offline
 * window closes first) plus the lease's jitter; once the lease is due, at once (after the jitter),
 * subject to back-off. With no readable lease but a known license id: at once (refetch).
 */
export function plannedAttempt(engine: Engine, decision: Decision): number | null {
  if (!renewable(engine, decision)) return null
  const lease = engine.state.leaseTimes()
  let times = lease
  if (lease && decision.state === 'active' && decision.deadline !== null) {
    times = { ...lease, ren: Math.min(lease.ren, decision.deadline) }
  } else if (lease && decision.reasons.some((r) => DUE_NOW.has(r))) {
    times = { ...lease, ren: Math.min(lease.ren, decision.time) }
  }
  return nextAttemptAt(engine.state.record.renewal, times, decision.time, engine.now())
}

/** System time of the next status check-in, or null (disabled, not active, or not activated). */
export function plannedCheckIn(engine: Engine, decision: Decision): number | null {
  if (engine.options.renewal.checkInSeconds === 0 || decision.state !== 'active') return null
  if (engine.state.licenseId() === null) return null
  const planned = engine.state.record.renewal.nextCheckInAt
  return planned === 0 ? engine.now() : planned
}

/**
 * A cheap status check-in between renewals, so an online device learns of a revocation within
 * the check-in interval. Failures only move the next check-in; they never touch access.
 */
export async function checkIn(engine: Engine): Promise<void> {
  const license = engine.state.licenseId()
  if (license === null) return
  const startedOffline = engine.state.record.renewal.offlineSince
  let receipt: string | null
  try {
    const body = { product: engine.options.product, license }
    receipt = (await withProofRetry(engine, () => engine.transport.status(body, engine.prove))).status
  } catch (err) {
    receipt = isTransportError(err) ? err.statusReceipt : null
    if (receipt === null) {
      await missedCheckIn(engine, isTransportError(err) && err.kind === 'offline')
      return
    }
  }
  const verdict = await acceptStatusReceipt(engine, receipt)
  if (verdict === null) return missedCheckIn(engine, false)
  if (startedOffline > 0)
    engine.telemetry.add(offlineEvent(engine.serverTime(), engine.now() - startedOffline))
  engine.background(uploadTelemetry(engine))
}

async function missedCheckIn(engine: Engine, offline: boolean): Promise<void> {
  const now = engine.now()
  const interval = engine.options.renewal.checkInSeconds
  await engine.commit((r) => ({
    ...r,
    renewal: {
      ...r.renewal,
      nextCheckInAt: now + Math.min(interval, engine.options.renewal.maxBackoffSeconds),
      offlineSince: offline ? r.renewal.offlineSince || now : r.renewal.offlineSince,
    },
  }))
}

/** Uploads queued telemetry after a successful contact. Best effort: never throws. */
export async function uploadTelemetry(engine: Engine): Promise<void> {
  const license = engine.state.licenseId()
  if (license === null || !engine.telemetry.enabled) return
  const product = engine.options.product
  try {
    await engine.telemetry.upload(async (events, dropped) => {
      const body = { product, license, events, ...(dropped > 0 ? { dropped } : {}) }
      await withProofRetry(engine, () => engine.transport.telemetry(body, engine.prove))
    })
  } catch {
    // kept for the next contact
  }
}
