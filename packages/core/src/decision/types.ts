import type { RecordedBundle } from '../bundle/bundle.js'
import type { VerifiedBundle } from '../bundle/verify-bundle.js'
import type { TrustState } from '../keyset/trust-state.js'
import type { RevocationState } from '../revocation/revocation-list.js'

/** Ordered from most to least access. */
/** Every decision state, from the most to the least access (the order reports list them in). */
export const DECISION_STATES = [
  'active',
  'renewal_due',
  'offline_grace',
  'limited',
  'expired',
  'revoked',
  'invalid',
] as const

export type DecisionState = (typeof DECISION_STATES)[number]

/** Why a decision deviates from `active`, in the order of the chain steps that emit them. */
export const REASON_CODES = [
  // 1. store
  'NOT_ACTIVATED',
  'STORE_CORRUPT',
  // 2. key set
  'KEYSET_INVALID',
  'KEYSET_ROLLBACK',
  'KEYSET_EXPIRED',
  'ROOT_UNKNOWN',
  'ROOT_ROTATION_INVALID',
  // 3. lease signature, key (its issuer) and bundle coherence
  'LEASE_INVALID',
  'KEY_UNKNOWN',
  'KEY_WRONG_PURPOSE',
  'KEY_OUTSIDE_WINDOW',
  'BUNDLE_INVALID',
  // 4. claims
  'WRONG_PRODUCT',
  'NOT_YET_VALID',
  // 5. device
  'DEVICE_MISMATCH',
  'FINGERPRINT_MISMATCH',
  'FINGERPRINT_CHANGED',
  // 6. revocation
  'STATUS_INVALID',
  'REVOKED',
  // 7. offline window
  'RENEWAL_DUE',
  'OFFLINE_TOO_LONG',
  'IN_GRACE',
  'GRACE_ENDED',
  // 8. compatibility
  'APP_VERSION_NOT_COVERED',
  // 9. clock
  'CLOCK_ROLLBACK',
] as const

export type ReasonCode = (typeof REASON_CODES)[number]

export type StepName =
  | 'store'
  | 'keyset'
  | 'lease'
  | 'claims'
  | 'device'
  | 'revocation'
  | 'offline'
  | 'compatibility'
  | 'clock'

/** One step of the chain as it ran: what it concluded and, on deviation, why. */
export interface TraceEntry {
  step: StepName
  outcome: 'pass' | 'warn' | 'fail' | 'skip'
  reasons: ReasonCode[]
  /** Underlying verification error code, when a check threw. */
  error?: string
}

/**
 * Persisted clock marks, epoch seconds. `trustedTime` is the latest signed server time and
 * `trustedAt` the system time at which it was received; `highWater` the latest system time seen.
 */
export interface ClockState {
  trustedTime: number
  trustedAt: number
  highWater: number
}

/** How the app maps features of older licenses and editions to the names it uses now. */
export interface CompatibilityMap {
  /** Feature name in this app → older names that also grant it. */
  aliases?: Readonly<Record<string, readonly string[]>>
  /** Edition id → features it implies, for leases that predate per-feature lists. */
  editions?: Readonly<Record<string, readonly string[]>>
}

/** What the app tells the decision about itself. */
export interface AppContext {
  /** Product id the app is built for. */
  product: string
  /** The app's version (semver), checked against the lease's highest covered version. */
  version?: string
  /** Features kept when the store is unusable or the license is limited (the app's own floor). */
  essential?: readonly string[]
  /** Features this app version knows; granted features are limited to these when given. */
  features?: readonly string[]
  compat?: CompatibilityMap
}

/** Everything a decision depends on. Plain data: record it, replay it, get the same decision. */
export interface EvaluationInput {
  /** System time as the app reads it, epoch seconds. */
  now: number
  /** What the store reported when it was opened. */
  store: 'ok' | 'missing' | 'corrupt'
  /** The stored bundle, raw or already verified (verification does not depend on time). */
  bundle: RecordedBundle | VerifiedBundle | null
  trust: TrustState
  device: {
    /** RFC 7638 thumbprint of the device key. */
    id: string
    /** Salted fingerprint component hashes of this machine. */
    components: readonly string[]
  }
  clock: ClockState
  app: AppContext
  /** A status receipt newer than the bundle's (e.g. from a rejected renewal), compact JWS. */
  status?: string | null
  /** A verified revocation list state, when the app receives one (relays, air-gapped sites). */
  revocations?: RevocationState | null
  /** Seconds of clock skew tolerated; default 120. */
  clockTolerance?: number
}

export interface LicenseSummary {
  license: string
  product: string
  edition: string
  lease: string
  device: string
  issuedAt: number
  renewAfter: number
  expiresAt: number
  graceUntil: number
}

export interface Decision {
  state: DecisionState
  /** Features the app may enable now. */
  features: string[]
  /**
   * Estimated server time (epoch seconds) of the next state change: the earliest later time at
   * which the same input would give another state (decision/deadline.ts); null when none would.
   */
  deadline: number | null
  reasons: ReasonCode[]
  trace: TraceEntry[]
  /** The clock marks to persist after this decision. */
  clock: ClockState
  /** The trusted time estimate the decision used, epoch seconds. */
  time: number
  license: LicenseSummary | null
}
