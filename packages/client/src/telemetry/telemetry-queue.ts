import { randomBytes } from 'node:crypto'
import { mergeTelemetry } from '../store/record-merge.js'
import { type QueuedEvent, TELEMETRY_FILE, type TelemetryRecord } from '../store/records.js'
import type { SealedStore } from '../store/sealed-store.js'
import { withLock } from '../store/store-lock.js'
import type { TelemetryEvent } from '../transport/transport.js'
import type { NewEvent } from './events.js'

/** Events kept on disk at most; older ones are dropped (and counted) first. */
export const TELEMETRY_CAPACITY = 500
/** Events per upload request (the server accepts at most 100). */
export const UPLOAD_BATCH = 100
/** Held while uploading so two processes do not send the same events. */
const UPLOAD_LOCK = '.telemetry.lock'

/** Sends one batch; throws when it was not accepted. */
export type UploadBatch = (events: TelemetryEvent[], dropped: number) => Promise<void>

/**
 * A bounded, persisted queue of privacy-safe events (renewal attempts and outcomes, offline
 * durations, anomaly codes: no personal data, no ids beyond what the device proof already shows).
 * `add` is synchronous and cheap (the hot path may call it); events reach the disk at the next
 * `persist` and the server at the next successful contact (`upload`).
 */
export class TelemetryQueue {
  #pending: QueuedEvent[] = []
  #pendingDropped = 0
  #stored = 0
  /** The persist in progress: persists run one after the other (see persist). */
  #persisting: Promise<void> = Promise.resolve()

  constructor(
    private readonly store: SealedStore,
    readonly enabled: boolean,
  ) {}

  /** Events waiting on disk and in memory (an estimate between persists). */
  get size(): number {
    return this.#stored + this.#pending.length
  }

  add(event: NewEvent): void {
    if (!this.enabled) return
    this.#pending.push({ id: randomBytes(12).toString('base64url'), ...event })
    if (this.#pending.length > TELEMETRY_CAPACITY) {
      this.#pending.shift()
      this.#pendingDropped++
    }
  }

  /** Reads the persisted queue size at open; an unreadable queue is simply started afresh. */
  async load(): Promise<void> {
    const current = await this.store.read(TELEMETRY_FILE)
    this.#stored = current.status === 'ok' ? current.value.events.length : 0
  }

  /**
   * Moves pending events to the disk queue (under the store lock). Nothing pending: no write.
   * Persists of one process run one at a time (the engine's flush and an upload may both ask):
   * two at once would write the same events twice — re-queuing any another process had uploaded
   * in between, so they were sent again — and then drop from memory events neither had written.
   */
  persist(): Promise<void> {
    const run = this.#persisting.then(() => this.#persistPending())
    this.#persisting = run.catch(() => {})
    return run
  }

  async #persistPending(): Promise<void> {
    if (this.#pending.length === 0 && this.#pendingDropped === 0) return
    // a copy: add() may push to (or shift) the pending list while the write is under way
    const added = [...this.#pending]
    const dropped = this.#pendingDropped
    const result = await this.store.update(TELEMETRY_FILE, (current) => {
      const base: TelemetryRecord = current.status === 'ok' ? current.value : { events: [], dropped: 0 }
      const merged = mergeTelemetry(base, added, TELEMETRY_CAPACITY)
      return { events: merged.events, dropped: merged.dropped + dropped }
    })
    const written = new Set(added.map((e) => e.id))
    this.#pending = this.#pending.filter((e) => !written.has(e.id))
    this.#pendingDropped -= dropped
    this.#stored = result.status === 'ok' ? result.value.events.length : 0
  }

  /**
   * Uploads the queue in batches of 100 with the dropped counter, removing what the server
   * accepted. Skipped (not queued) when another process is uploading; stops at the first failure,
   * keeping the rest for the next contact.
   */
  async upload(send: UploadBatch): Promise<void> {
    if (!this.enabled) return
    await this.persist()
    if (this.#stored === 0) return
    await withLock(this.store.dir, UPLOAD_LOCK, () => this.#uploadAll(send), {
      timeoutMs: 0,
      staleMs: 120_000,
    }).catch(() => {})
  }

  async #uploadAll(send: UploadBatch): Promise<void> {
    for (let round = 0; round < TELEMETRY_CAPACITY / UPLOAD_BATCH + 1; round++) {
      const current = await this.store.read(TELEMETRY_FILE)
      if (current.status !== 'ok' || current.value.events.length === 0) return
      const batch = current.value.events.slice(0, UPLOAD_BATCH)
      const dropped = current.value.dropped
      await send(batch, dropped)
      const sent = new Set(batch.map((e) => e.id))
      const result = await this.store.update(TELEMETRY_FILE, (now) => {
        if (now.status !== 'ok') return undefined
        return {
          events: now.value.events.filter((e) => !sent.has(e.id)),
          dropped: Math.max(0, now.value.dropped - dropped),
        }
      })
      this.#stored = result.status === 'ok' ? result.value.events.length : 0
    }
  }
}
