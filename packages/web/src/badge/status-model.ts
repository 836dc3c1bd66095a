/**
 * The status model the client SDK's `status()` returns, as the badge reads it. Declared here
 * (structurally) so the badge depends on no package: any object of this shape works.
 */
export type LicenseState =
  | 'active'
  | 'renewal_due'
  | 'offline_grace'
  | 'limited'
  | 'expired'
  | 'revoked'
  | 'invalid'

export type Severity = 'ok' | 'info' | 'warning' | 'error'

export interface StatusAction {
  /** Stable id the app listens for, e.g. `retry`, `reconnect-help`. */
  id: string
  /** Shown when the catalogue has no label for this id. */
  label: string
}

export interface BadgeStatus {
  state: LicenseState | (string & {})
  /** One short sentence from the SDK; the catalogue's headline for the state is used when absent. */
  headline?: string
  detail?: string
  severity?: Severity
  /** Epoch seconds: when the current access level ends (null when nothing is scheduled). */
  deadline?: number | null
  /** A renewal failed and is being retried in the background; access is unchanged. */
  renewalPending?: boolean
  actions?: StatusAction[]
}

/** The four visual tones. Only `error` is red, and only the states that stop access reach it. */
export type Tone = 'ok' | 'info' | 'warning' | 'error'

const TONE_OF_STATE: Record<LicenseState, Tone> = {
  active: 'ok',
  renewal_due: 'ok',
  offline_grace: 'info',
  limited: 'warning',
  expired: 'error',
  revoked: 'error',
  invalid: 'error',
}

export const LICENSE_STATES = Object.keys(TONE_OF_STATE) as LicenseState[]

export function isLicenseState(state: string): state is LicenseState {
  return Object.hasOwn(TONE_OF_STATE, state)
}

/**
 * The tone comes from the state, not the SDK's severity, so that a state where access continues
 * can never turn red; an unknown state falls back to the severity, capped at `warning`.
 */
export function toneOf(status: BadgeStatus): Tone {
  if (isLicenseState(status.state)) return TONE_OF_STATE[status.state]
  return status.severity === 'error' || status.severity === 'warning' ? 'warning' : 'info'
}

/** Reads a status from the `status` attribute (JSON); undefined when it is absent or malformed. */
export function parseStatusAttribute(text: string | null): BadgeStatus | undefined {
  if (!text) return undefined
  try {
    const value: unknown = JSON.parse(text)
    return isStatusLike(value) ? value : undefined
  } catch {
    return undefined
  }
}

export function isStatusLike(value: unknown): value is BadgeStatus {
  return (
    typeof value === 'object' && value !== null && typeof (value as { state?: unknown }).state === 'string'
  )
}
