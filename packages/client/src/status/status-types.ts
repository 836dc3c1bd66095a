import type { Decision, DecisionState, RevocationKind } from '@tessera/core'
import type { RenewalState } from '../renewal/renewal-state.js'

export type Severity = 'ok' | 'info' | 'warning' | 'error'

/** What a badge or CLI can offer: `renew` (try now), `activate` (enter a key), … */
export type StatusActionId =
  | 'renew'
  | 'activate'
  | 'connect'
  | 'check-clock'
  | 'update-license'
  | 'contact-admin'

export interface StatusAction {
  id: StatusActionId
  label: string
}

/**
 * A human status model a badge or a CLI shows as is: calm while access continues, specific about
 * what to do when it does not.
 */
export interface LicenseStatus {
  state: DecisionState
  headline: string
  detail: string
  severity: Severity
  /** When the situation gets worse if nothing is done (epoch s, trusted time); null when none. */
  deadline: number | null
  /**
   * A renewal attempt failed and the client keeps retrying it in the background (the renewal
   * schedule has consecutive failures, and renewing can still help). False while nothing failed,
   * e.g. a renewal that is merely due. Access is unaffected until the deadline.
   */
  renewalPending: boolean
  actions: StatusAction[]
}

/** What the wording needs besides the decision. */
export interface StatusContext {
  decision: Decision
  renewal: RenewalState
  /** Offline window end and grace end for the current lease, trusted time. */
  window: { windowEnd: number; graceEnd: number } | null
  appVersion: string | null
  timeZone: string | null
  /** A license id is known (renewal is possible even without a readable lease). */
  canRenew: boolean
  /** What the verified status receipt says was revoked (`rvk.k`), when it says so. */
  revoked?: RevocationKind | null
}

export const ACTIONS = {
  renew: { id: 'renew', label: 'Try renewing now' },
  activate: { id: 'activate', label: 'Enter a license key' },
  connect: { id: 'connect', label: 'Connect to the internet' },
  checkClock: { id: 'check-clock', label: 'Check the date and time settings' },
  updateLicense: { id: 'update-license', label: 'Get a license for this version' },
  contactAdmin: { id: 'contact-admin', label: 'Contact your license administrator' },
} as const satisfies Record<string, StatusAction>
