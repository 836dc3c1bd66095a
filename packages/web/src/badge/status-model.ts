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
  /** Stable id the app listens for, e.g. `renew`, `connect`; the catalogue labels it. */
  id: string
  /** The SDK's English label: shown only when the catalogue opts into model text (`modelText`). */
  label?: string
}

/**
 * What the badge renders from: `state`, `deadline`, `renewalPending` and the action ids, worded
 * by the badge's catalogue. `headline` and `detail` are the SDK's free text, shown only when the
 * catalogue opts in (`modelText`).
 */
export interface BadgeStatus {
  state: LicenseState | (string & {})
  /** SDK free text (English); shown only with `modelText`. */
  headline?: string
  /** SDK free text (English); shown only with `modelText`. */
  detail?: string
  severity?: Severity
  /** Epoch seconds: when the current access level ends (null when nothing is scheduled). */
  deadline?: number | null
  /**
   * A renewal attempt failed and is being retried in the background (the client SDK sets it only
   * then); access is unchanged. False or absent: nothing failed.
   */
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
