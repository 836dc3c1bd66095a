import { type Decision, isTesseraError } from '@tessera/core'
import { ClientError, codeOfError } from '../errors.js'
import { adopt, verifyIncoming } from '../lease/adopt.js'
import type { Engine } from '../lease/engine.js'
import { acceptStatusReceipt, withProofRetry } from '../lease/status-receipts.js'
import { withLock } from '../store/store-lock.js'
import { offlineEvent, renewalEvent } from '../telemetry/events.js'
import { isTransportError, type TransportFailureKind } from '../transport/transport-error.js'
import { plannedAttempt, uploadTelemetry } from './contact.js'
import { afterFailure, type Failure } from './schedule.js'

/** What a renewal came to. `busy`: another process of the app is renewing; its result is shared. */
export type RenewOutcome = 'renewed' | 'revoked' | TransportFailureKind | 'not_activated' | 'busy'

export interface RenewResult {
  outcome: RenewOutcome
  /** The server's problem code or the client's reason, when not renewed. */
  code: string | null
  /** System time (epoch s) of the next automatic attempt; null when none is planned. */
  nextAttemptAt: number | null
  /** The decision after the attempt (unchanged by a failure: only the status says "pending"). */
  decision: Decision
}

/** Held across the renewal request so two processes of the app never renew at the same time. */
const RENEW_LOCK = '.renew.lock'

/**
 * Renews the lease. A failure changes nothing but the schedule (back-off, Retry-After) and the
 * status; a revocation answer carrying a verifiable signed receipt locks at once. Manual renewals
 * skip the back-off but still honour the server's Retry-After.
 */
export async function renew(engine: Engine, manual: boolean): Promise<RenewResult> {
  const license = engine.state.licenseId()
  if (license === null) return result(engine, 'not_activated', 'NOT_ACTIVATED')
  if (engine.now() < engine.state.record.renewal.retryAfterUntil) {
    return result(
      engine,
      engine.state.record.renewal.lastOutcome ?? 'rate_limited',
      engine.state.record.renewal.lastCode,
    )
  }
  try {
    return await withLock(engine.store.dir, RENEW_LOCK, () => renewHoldingLock(engine, manual), {
      timeoutMs: manual ? 30_000 : 0,
      staleMs: 120_000,
    })
  } catch (err) {
    if (err instanceof ClientError && err.code === 'STORE_BUSY') return result(engine, 'busy', 'STORE_BUSY')
    throw err
  }
}

async function renewHoldingLock(engine: Engine, manual: boolean): Promise<RenewResult> {
  const before = engine.state.leaseTimes()?.jti ?? null
  await engine.reload()
  const after = engine.state.leaseTimes()?.jti ?? null
  if (!manual && after !== before) return result(engine, 'renewed', null)
  const license = engine.state.licenseId()
  if (license === null) return result(engine, 'not_activated', 'NOT_ACTIVATED')
  const body = { product: engine.options.product, license, ...(after ? { lease: after } : {}) }
  const startedOffline = engine.state.record.renewal.offlineSince
  try {
    const answer = await withProofRetry(engine, () => engine.transport.renew(body, engine.prove))
    await adopt(engine, verifyIncoming(engine, answer.bundle, license), 'renewal')
    const now = engine.now()
    engine.telemetry.add(renewalEvent(engine.serverTime(), 'ok'))
    if (startedOffline > 0) engine.telemetry.add(offlineEvent(engine.serverTime(), now - startedOffline))
    engine.background(uploadTelemetry(engine))
    return result(engine, 'renewed', null)
  } catch (err) {
    return failed(engine, err)
  }
}

/** Classifies a failure, records it in the schedule, and handles a signed revocation. */
async function failed(engine: Engine, err: unknown): Promise<RenewResult> {
  if (isTransportError(err) && err.statusReceipt !== null) {
    const verdict = await acceptStatusReceipt(engine, err.statusReceipt)
    if (verdict === 'revoked') {
      engine.telemetry.add(renewalEvent(engine.serverTime(), 'rejected', err.code))
      return result(engine, 'revoked', err.code)
    }
  }
  const failure = classify(err)
  const now = engine.now()
  const { renewal: options, random } = engine.options
  await engine.commit((r) => ({ ...r, renewal: afterFailure(r.renewal, now, failure, options, random) }))
  const outcome = failure.kind === 'rate_limited' ? 'server_error' : failure.kind
  engine.telemetry.add(renewalEvent(engine.serverTime(), outcome, failure.code))
  return result(engine, failure.kind, failure.code)
}

/** Transport failures keep their kind; a bundle that does not verify is a rejection. */
export function classify(err: unknown): Failure {
  if (isTransportError(err)) return { kind: err.kind, code: err.code, retryAfter: err.retryAfter }
  if (err instanceof ClientError && err.code === 'BUNDLE_REJECTED') {
    const code = isTesseraError(err.cause) ? err.cause.code : 'BUNDLE_REJECTED'
    return { kind: 'rejected', code, retryAfter: null }
  }
  return { kind: 'server_error', code: codeOfError(err), retryAfter: null }
}

function result(engine: Engine, outcome: RenewOutcome, code: string | null): RenewResult {
  const decision = engine.decide()
  return { outcome, code, nextAttemptAt: plannedAttempt(engine, decision), decision }
}
