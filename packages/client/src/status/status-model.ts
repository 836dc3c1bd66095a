import { formatDay } from './format-date.js'
import { ACTIONS, type LicenseStatus, type StatusContext } from './status-types.js'
import { describeLimited, describeUnusable, lastTry } from './wording.js'

/** The status model of a decision: what a badge shows, worded for the person in front of it. */
export function describeStatus(ctx: StatusContext): LicenseStatus {
  const { decision } = ctx
  const worded = usable(ctx) ?? (decision.state === 'limited' ? describeLimited(ctx) : describeUnusable(ctx))
  // The wording says whether renewing would help; "pending" also needs an attempt that failed and
  // is being retried (a renewal nobody tried yet is routine, not news).
  const base = { ...worded, renewalPending: worded.renewalPending && ctx.renewal.failures > 0 }
  if (!decision.reasons.includes('CLOCK_ROLLBACK')) return base
  return {
    ...base,
    detail: `${base.detail} This computer's clock seems to have been set back; time is counted from the last time the license server confirmed it.`,
    actions: [...base.actions, ACTIONS.checkClock],
  }
}

/** Active, renewal due, grace: access continues, so the tone stays calm. */
function usable(ctx: StatusContext): LicenseStatus | null {
  const { decision, window, timeZone } = ctx
  const day = (t: number) => formatDay(t, decision.time, timeZone)
  const failing = ctx.renewal.failures > 0
  const edition = decision.license ? `${capitalize(decision.license.edition)} license` : 'license'
  if ((decision.state === 'active' || decision.state === 'renewal_due') && window) {
    const pending = decision.state === 'renewal_due'
    const detail = !pending
      ? `Your ${edition} is active on this device and renews automatically in the background.`
      : failing
        ? `Renewal is pending: ${lastTry(ctx)} Nothing changes meanwhile; it keeps trying in the background.`
        : 'Renewing in the background; nothing to do.'
    return {
      state: decision.state,
      headline: `Licensed — works offline until ${day(window.windowEnd)}`,
      detail,
      severity: pending && failing ? 'info' : 'ok',
      deadline: window.windowEnd,
      renewalPending: pending,
      actions: pending && failing ? [ACTIONS.renew] : [],
    }
  }
  if (decision.state === 'offline_grace' && window) {
    return {
      state: decision.state,
      headline: `Licensed — please connect by ${day(window.graceEnd)}`,
      detail: `The offline period has ended; everything keeps working during a grace period. Connect this device to the internet once so the license can renew.${failing ? ` ${capitalize(lastTry(ctx))}` : ''}`,
      severity: 'warning',
      deadline: window.graceEnd,
      renewalPending: true,
      actions: [ACTIONS.connect, ACTIONS.renew],
    }
  }
  return null
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
