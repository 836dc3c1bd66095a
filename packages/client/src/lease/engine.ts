import { type ClockState, type Decision, evaluate } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { advancedMarks, serverTimeEstimate } from '../clock/trusted-clock.js'
import type { DeviceKey } from '../device/device-key.js'
import type { Fingerprint } from '../device/fingerprint.js'
import { createProver } from '../device/proof.js'
import { codeOfError } from '../errors.js'
import type { ResolvedOptions } from '../options.js'
import type { ClientStore } from '../store/client-store.js'
import { mergeClock, mergeLicense } from '../store/record-merge.js'
import type { IdentityRecord, LicenseRecord } from '../store/records.js'
import { newAnomalies } from '../telemetry/events.js'
import type { TelemetryQueue } from '../telemetry/telemetry-queue.js'
import type { Prover, Transport } from '../transport/transport.js'
import { ChangeFeed } from './change-feed.js'
import { cancelFlushOnExit, flushOnExit } from './exit-flush.js'
import type { LicenseState } from './license-state.js'

/** Seconds the system high-water mark must advance before check() persists it. */
const CLOCK_PERSIST_GRANULARITY = 60

/**
 * The client's shared internals: everything the operations (activation, renewal, deactivation,
 * air-gapped exchange, status) need, and the few steps they all take — deciding, committing a
 * change to the license record, persisting lazily. Never exported from the package.
 */
export class Engine {
  /** Announces changes of state or features to `on('change')` listeners. */
  readonly changes = new ChangeFeed()
  /** Code of the last store write that failed (kept in memory meanwhile), for diagnostics. */
  lastStoreError: string | null = null
  /** Clock marks as last written to or read from disk. */
  #persistedClock: ClockState | null = null
  #queue: Promise<unknown> = Promise.resolve()
  #persistScheduled = false
  #closed = false
  readonly #background = new Set<Promise<unknown>>()

  constructor(
    readonly options: ResolvedOptions,
    readonly store: ClientStore,
    readonly key: DeviceKey,
    readonly fingerprint: Fingerprint,
    readonly state: LicenseState,
    readonly telemetry: TelemetryQueue,
    readonly transport: Transport,
  ) {
    this.prove = createProver(key, () => this.serverTime() + this.proofSkew)
    if (state.file === 'ok') this.#persistedClock = state.record.clock
  }

  /** Signs `Tessera-Proof` headers for this device. */
  readonly prove: Prover
  /**
   * Seconds added to the trusted-time estimate for proofs only, learned from an unverifiable
   * time answer when the server refused a proof as too old or too new; never moves the clock.
   */
  proofSkew = 0

  /** System time, whole epoch seconds. */
  now(): number {
    return Math.floor(this.options.now())
  }

  /** Best estimate of the server's clock now (signed time plus elapsed; never moved back). */
  serverTime(): number {
    return serverTimeEstimate(this.state.record.clock, this.now(), this.options.clockToleranceSeconds)
  }

  /**
   * The decision now. Pure evaluation of the cached input, then bookkeeping that never throws:
   * new clock marks are kept (and persisted lazily), anomalies queued, changes announced.
   */
  decide(): Decision {
    const decision = this.#evaluate()
    try {
      const clock = this.state.record.clock
      if (decision.clock.highWater !== clock.highWater || decision.clock.trustedAt !== clock.trustedAt) {
        this.state.replace({ ...this.state.record, clock: decision.clock })
      }
      const previous = this.changes.observe(decision)
      for (const event of newAnomalies(previous, decision)) this.telemetry.add(event)
      this.#persistLater()
    } catch {
      // bookkeeping must never break a decision
    }
    return decision
  }

  #evaluate(): Decision {
    const input = this.state.input(this.now())
    try {
      return evaluate(input, nodeCrypto)
    } catch {
      // evaluate is total; should it ever throw, fall back as for an unreadable store
      return evaluate({ ...input, store: 'corrupt', bundle: null, status: null }, nodeCrypto)
    }
  }

  /**
   * Applies `change` to the license record in memory and on disk (merged with what other
   * processes wrote), serialized within this process. A failed write keeps the change in memory
   * and is retried with the next commit. `repair` lets a freshly verified bundle replace an
   * unreadable file.
   */
  commit(change: (record: LicenseRecord) => LicenseRecord, repair = false): Promise<void> {
    const run = async () => {
      try {
        const { record, written } = await this.store.commitLicense(this.state.record, change, repair)
        this.state.replace(record, written || repair ? 'ok' : this.state.file)
        if (written) this.#persisted(record.clock)
        this.lastStoreError = null
      } catch (err) {
        this.state.replace(change(this.state.record), repair ? 'ok' : this.state.file)
        this.lastStoreError = codeOfError(err)
      }
    }
    return this.#serialize(run)
  }

  saveIdentity(identity: IdentityRecord | null): Promise<void> {
    this.state.identity = identity
    return this.#serialize(() => this.store.writeIdentity(identity)).catch((err) => {
      this.lastStoreError = codeOfError(err)
    })
  }

  /** Picks up what other processes wrote (a renewal, a revocation, a deactivation). */
  async reload(): Promise<void> {
    const disk = await this.store.readLicense().catch(() => null)
    if (disk?.status === 'ok') {
      this.state.replace(mergeLicense(disk.value, this.state.record), 'ok')
      this.#persisted(disk.value.clock)
    } else if (disk?.status === 'corrupt' && this.state.file !== 'corrupt')
      this.state.replace(this.state.record, 'corrupt')
  }

  /** Persists clock marks that moved and queued telemetry; errors are kept, never thrown. */
  async flush(): Promise<void> {
    const clock = this.state.record.clock
    if (this.#clockPending()) await this.commit((r) => ({ ...r, clock: mergeClock(r.clock, clock) }))
    await this.#serialize(() => this.telemetry.persist()).catch(() => {})
  }

  /** Clock marks moved (by the persistence granularity) since they were last written or read. */
  #clockPending(): boolean {
    const persisted = this.#persistedClock
    const clock = this.state.record.clock
    return persisted === null || advancedMarks(persisted, clock, CLOCK_PERSIST_GRANULARITY) !== null
  }

  #persisted(clock: ClockState): void {
    this.#persistedClock = clock
    if (!this.#clockPending()) cancelFlushOnExit(this.#exitFlush)
  }

  /**
   * At process exit, the pending clock marks, synchronously through the same locked, merged,
   * atomic sealed write (see exit-flush.ts). A corrupt license file is left as it is, as by commit.
   */
  readonly #exitFlush = (): void => {
    if (!this.#clockPending()) return
    const clock = this.state.record.clock
    this.store.commitLicenseSync(this.state.record, (r) => ({ ...r, clock: mergeClock(r.clock, clock) }))
  }

  /** Runs `work` in the background (errors swallowed); close() waits for it. */
  background(work: Promise<unknown>): void {
    const tracked = work.catch(() => {})
    this.#background.add(tracked)
    void tracked.finally(() => this.#background.delete(tracked))
  }

  /** Stops lazy persistence, waits for background work and writes what is pending. */
  async close(): Promise<void> {
    this.#closed = true
    while (this.#background.size > 0) await Promise.all([...this.#background])
    await this.flush().catch(() => {})
    await this.#queue
    cancelFlushOnExit(this.#exitFlush)
  }

  #persistLater(): void {
    if (this.#closed) return
    if (this.store.writable && this.state.file !== 'corrupt' && this.#clockPending())
      flushOnExit(this.#exitFlush)
    if (this.#persistScheduled) return
    this.#persistScheduled = true
    const timer = setTimeout(() => {
      this.#persistScheduled = false
      if (!this.#closed) this.background(this.flush())
    }, 1000)
    timer.unref?.()
  }

  #serialize<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task)
    this.#queue = next.catch(() => {})
    return next
  }
}
