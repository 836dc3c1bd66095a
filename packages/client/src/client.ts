import type { Decision, RevocationKind } from '@tessera/core'
import { ClientError } from './errors.js'
import { activate } from './lease/activation.js'
import type { ChangeEvent } from './lease/change-feed.js'
import { type DeactivationResult, deactivate } from './lease/deactivation.js'
import type { Engine } from './lease/engine.js'
import { importOfflineResponse, offlineRequest } from './lease/offline-exchange.js'
import { openEngine } from './lease/open-engine.js'
import type { ClientOptions } from './options.js'
import { Autopilot } from './renewal/autopilot.js'
import { type RenewResult, renew } from './renewal/renew.js'
import { resolveOptions } from './resolve-options.js'
import { type Diagnostics, redactInput, reproduces } from './status/diagnostics.js'
import { type PrivacyReport, privacyReport } from './status/privacy-report.js'
import { revocationKind } from './status/revocation-kind.js'
import { describeStatus } from './status/status-model.js'
import type { LicenseStatus } from './status/status-types.js'
import type { KeyStorageState } from './store/key-storage.js'

const SDK = '@tessera/client 0.1.0'

/**
 * Opens the license client of one product: reads (or on first run creates) the encrypted store
 * and the device key, and verifies the stored bundle once. Call `start()` for background renewal.
 * Throws OPTIONS_INVALID for bad options and STORE_UNAVAILABLE when the store directory cannot be
 * used at all; a damaged store is not an error (the decision reports it).
 */
export async function openClient(options: ClientOptions): Promise<TesseraClient> {
  const resolved = resolveOptions(options)
  const abort = new AbortController()
  return new TesseraClient(await openEngine(resolved, abort.signal), abort)
}

/**
 * The SDK a vendor embeds. `check()` and `can()` are synchronous and offline; everything that
 * talks to the server is async, and background work never throws into the host.
 */
export class TesseraClient {
  readonly #engine: Engine
  readonly #autopilot: Autopilot
  readonly #abort: AbortController
  #closed = false

  /** @internal use openClient */
  constructor(engine: Engine, abort: AbortController) {
    this.#engine = engine
    this.#autopilot = new Autopilot(engine)
    this.#abort = abort
    engine.decide()
  }

  /** This device's id: the RFC 7638 thumbprint of its public key. */
  get deviceId(): string {
    return this.#engine.key.id
  }

  /** Activates this device with a license key (online). Throws LICENSE_KEY_MALFORMED or a TransportError. */
  activate(licenseKey: string): Promise<Decision> {
    return this.#guard(() => activate(this.#engine, licenseKey))
  }

  /** The decision now, from the store alone: synchronous, offline, deterministic. */
  check(): Decision {
    return this.#engine.decide()
  }

  /** Whether `feature` may be used now. */
  can(feature: string): boolean {
    return this.check().features.includes(feature)
  }

  /** Renews now (skipping back-off, honouring Retry-After). Failures are outcomes, not exceptions. */
  renew(): Promise<RenewResult> {
    return this.#guard(() => renew(this.#engine, true))
  }

  /** Starts background renewal, check-ins and change events (timers do not keep the process alive). */
  start(): void {
    if (!this.#closed) this.#autopilot.start()
  }

  stop(): void {
    this.#autopilot.stop()
  }

  /** Gives the seat back: returns the verified deactivation receipt; the lease is cleared. */
  deactivate(): Promise<DeactivationResult> {
    return this.#guard(() => deactivate(this.#engine))
  }

  /** Subscribes to changes of state or features; returns the unsubscribe function. */
  on(event: 'change', listener: (event: ChangeEvent) => void): () => void {
    if (event !== 'change') throw new ClientError('OPTIONS_INVALID', `unknown event ${String(event)}`)
    this.#engine.changes.listeners.add(listener)
    return () => this.#engine.changes.listeners.delete(listener)
  }

  off(event: 'change', listener: (event: ChangeEvent) => void): void {
    if (event === 'change') this.#engine.changes.listeners.delete(listener)
  }

  /** The human status model: headline, detail, severity, deadline, renewal pending, actions. */
  status(): LicenseStatus {
    const engine = this.#engine
    return describeStatus({
      decision: this.check(),
      renewal: engine.state.record.renewal,
      window: engine.state.offlineWindow(),
      appVersion: engine.options.appVersion,
      timeZone: engine.options.timeZone,
      canRenew: engine.state.licenseId() !== null,
      revoked: revokedKind(engine),
    })
  }

  /** What is stored locally and what is sent, in plain words. */
  privacyReport(): PrivacyReport {
    const { options, fingerprint, store } = this.#engine
    return privacyReport({
      storeDir: store.dir,
      vault: store.keyState?.description ?? options.vault?.description ?? 'kept by the app',
      serverUrl: options.serverUrl,
      components: fingerprint.names,
      deviceIdOverride: fingerprint.overridden,
      telemetry: options.telemetry,
    })
  }

  /** A redacted recorded input that reproduces the current decision with core's evaluate. */
  diagnostics(): Diagnostics {
    const engine = this.#engine
    const now = engine.now()
    const raw = engine.state.input(now)
    const decision = this.check()
    const { input, redacted } = redactInput(raw)
    const reproducible = reproduces(input, decision)
    return {
      format: 'tessera-diagnostics/1',
      recordedAt: now,
      client: {
        sdk: SDK,
        product: engine.options.product,
        appVersion: engine.options.appVersion,
        platform: `${process.platform}-${process.arch}`,
        deviceIdOverride: engine.fingerprint.overridden,
        storeError: engine.lastStoreError,
        keyStorage: keyStorageFacts(engine.store.keyState),
      },
      renewal: { ...engine.state.record.renewal },
      input,
      decision,
      redactions: [
        ...(redacted ? ['access token'] : []),
        'license key (never stored)',
        'device private key (never exported)',
      ],
      reproducible,
      notes: reproducible ? [] : ['the recorded input did not reproduce the decision; please report this'],
    }
  }

  /** An air-gapped request (JWS text to carry to the operator): activation with a key, else renewal. */
  offlineRequest(licenseKey?: string): Promise<string> {
    return this.#guard(() => offlineRequest(this.#engine, licenseKey))
  }

  /** Imports the operator's response file to an offlineRequest(); returns the new decision. */
  importOfflineResponse(text: string): Promise<Decision> {
    return this.#guard(() => importOfflineResponse(this.#engine, text))
  }

  /**
   * Stops background work, aborts requests in flight and writes what is pending (clock marks,
   * telemetry). Short-lived hosts (CLIs) should await it before exiting.
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#autopilot.stop()
    this.#abort.abort()
    await this.#autopilot.idle().catch(() => {})
    await this.#engine.close()
  }

  #guard<T>(operation: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new ClientError('CLIENT_CLOSED', 'the client is closed'))
    return operation()
  }
}

function keyStorageFacts(state: KeyStorageState | null): Diagnostics['client']['keyStorage'] {
  if (state === null) return null
  const { description: _, ...facts } = state
  return { ...facts, lastReplaced: facts.lastReplaced && { ...facts.lastReplaced } }
}

function revokedKind(engine: Engine): RevocationKind | null {
  return revocationKind(engine.state.input(engine.now()))
}
