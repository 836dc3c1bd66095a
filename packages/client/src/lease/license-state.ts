import {
  type AppContext,
  type EvaluationInput,
  leaseOfflineWindow,
  type OkpPublicJwk,
  type TrustState,
  type VerifiedBundle,
} from '@tessera/core'
import type { LeaseTimes } from '../renewal/schedule.js'
import type { IdentityRecord, LicenseRecord } from '../store/records.js'
import { type EffectiveBundle, effectiveBundle } from './effective-bundle.js'

/** What the store reported for the decision: its files as they were read. */
export type FileState = 'ok' | 'missing' | 'corrupt'

export interface StateContext {
  readonly app: AppContext
  readonly roots: readonly OkpPublicJwk[]
  readonly deviceId: string
  readonly components: readonly string[]
  readonly tolerance: number
}

/**
 * This process's view of the license: the record (as last read or written), whether the store
 * was readable, and a cache of the verified bundle, rebuilt only when the bundle, the status
 * receipt or the trust marks change. Everything check() needs, synchronously.
 */
export class LicenseState {
  #record: LicenseRecord
  #file: FileState
  #view: EffectiveBundle | null = null
  #trust: TrustState | null = null

  constructor(
    private readonly ctx: StateContext,
    record: LicenseRecord,
    file: FileState,
    public identity: IdentityRecord | null,
    /** The device key could not be read and was replaced this session. */
    public deviceCorrupt: boolean,
  ) {
    this.#record = record
    this.#file = file
  }

  get record(): LicenseRecord {
    return this.#record
  }

  get file(): FileState {
    return this.#file
  }

  /** Replaces the record; caches are dropped only when what they depend on changed. */
  replace(record: LicenseRecord, file: FileState = this.#file): void {
    const old = this.#record
    const trustChanged =
      old.trust.keysetVersion !== record.trust.keysetVersion ||
      old.trust.rootVersion !== record.trust.rootVersion ||
      old.trust.currentRoot?.x !== record.trust.currentRoot?.x
    if (trustChanged) this.#trust = null
    if (trustChanged || !sameBundle(old, record) || old.status !== record.status) this.#view = null
    this.#record = record
    this.#file = file
  }

  /** The store as the decision sees it: a bad license file or device key reads as corrupt. */
  storeState(): FileState {
    if (this.#file === 'corrupt' || this.deviceCorrupt) return 'corrupt'
    return this.#file
  }

  trust(): TrustState {
    const { keysetVersion, rootVersion, currentRoot } = this.#record.trust
    this.#trust ??= Object.freeze({
      roots: this.ctx.roots,
      keysetVersion,
      rootVersion,
      ...(currentRoot ? { currentRoot } : {}),
    })
    return this.#trust
  }

  view(): EffectiveBundle {
    this.#view ??= effectiveBundle(this.#record.bundle, this.#record.status, this.trust(), {
      product: this.ctx.app.product,
      deviceId: this.ctx.deviceId,
    })
    return this.#view
  }

  /** The stored bundle, verified; null when absent or not verifiable. */
  verified(): VerifiedBundle | null {
    return this.view().verified
  }

  /** License id for renewal: the verified lease's, else the identity record's. */
  licenseId(): string | null {
    return this.verified()?.lease.sub ?? this.identity?.license ?? null
  }

  leaseTimes(): LeaseTimes | null {
    const lease = this.verified()?.lease
    return lease ? { jti: lease.jti, ren: lease.ren, exp: lease.exp } : null
  }

  /**
   * End of the offline window and of grace (trusted epoch seconds), as evaluate computes them:
   * the window closes at the lease's exp or `ofw` after the last trusted contact, whichever is
   * first; grace keeps its length after that. Null without a verified lease.
   */
  offlineWindow(): { windowEnd: number; graceEnd: number } | null {
    const bundle = this.view().bundle
    if (bundle === null || !('verified' in bundle)) return null
    const { lease, status } = bundle
    const lastContact = Math.max(this.#record.clock.trustedTime, status.iat, lease.iat)
    const windowEnd = Math.min(lease.exp, lastContact + leaseOfflineWindow(lease))
    return { windowEnd, graceEnd: windowEnd + (lease.grc - lease.exp) }
  }

  /** The complete decision input at system time `now` (epoch seconds, whole). */
  input(now: number): EvaluationInput {
    const view = this.view()
    return {
      now,
      store: this.storeState(),
      bundle: view.bundle,
      trust: this.trust(),
      device: { id: this.ctx.deviceId, components: this.ctx.components },
      clock: this.#record.clock,
      app: this.ctx.app,
      status: view.status,
      clockTolerance: this.ctx.tolerance,
    }
  }
}

function sameBundle(a: LicenseRecord, b: LicenseRecord): boolean {
  if (a.bundle === b.bundle) return true
  if (a.bundle === null || b.bundle === null) return false
  const x = a.bundle
  const y = b.bundle
  return (
    x.lease === y.lease &&
    x.status === y.status &&
    x.keyset === y.keyset &&
    x.access === y.access &&
    x.chain.join('.') === y.chain.join('.')
  )
}
