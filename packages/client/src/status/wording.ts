import { formatTime } from './format-date.js'
import { ACTIONS, type LicenseStatus, type StatusContext } from './status-types.js'

/** Limited mode: essential features only. Says why, and what brings full access back. */
export function describeLimited(ctx: StatusContext): LicenseStatus {
  const { decision } = ctx
  const has = (code: string) => decision.reasons.includes(code as never)
  const base = {
    state: decision.state,
    severity: 'warning' as const,
    deadline: null,
    headline: 'Limited mode',
  }
  if (has('STORE_CORRUPT')) {
    return {
      ...base,
      detail: `The license data on this device could not be read, so only essential features are on. ${ctx.canRenew ? 'It is fetched again automatically when the device is online.' : 'Enter your license key to restore it.'}`,
      renewalPending: ctx.canRenew,
      actions: ctx.canRenew ? [ACTIONS.renew, ACTIONS.activate] : [ACTIONS.activate],
    }
  }
  if (has('APP_VERSION_NOT_COVERED')) {
    return {
      ...base,
      detail: `This version of the app${ctx.appVersion ? ` (${ctx.appVersion})` : ''} is newer than your license covers, so only essential features are on. Upgrade the license or use a covered version.`,
      renewalPending: false,
      actions: [ACTIONS.updateLicense, ACTIONS.contactAdmin],
    }
  }
  if (has('KEYSET_EXPIRED')) {
    return {
      ...base,
      detail:
        'The license needs a routine security refresh from the license server; until then only essential features are on. Connect this device to the internet.',
      renewalPending: true,
      actions: [ACTIONS.connect, ACTIONS.renew],
    }
  }
  return {
    ...base,
    detail: `The license could not be renewed in time, so only essential features are on. Connect this device to the internet to restore full access${ctx.renewal.failures > 0 ? `; ${lastTry(ctx)}` : '.'}`,
    renewalPending: true,
    actions: [ACTIONS.connect, ACTIONS.renew],
  }
}

/** Expired, revoked, invalid: no access (or not yet). Plain about the cause and the way out. */
export function describeUnusable(ctx: StatusContext): LicenseStatus {
  const { decision } = ctx
  const has = (code: string) => decision.reasons.includes(code as never)
  const wording =
    decision.state === 'revoked'
      ? ctx.revoked === 'device'
        ? DEVICE_REVOKED
        : REVOKED
      : decision.state === 'expired'
        ? EXPIRED
        : has('NOT_ACTIVATED')
          ? notActivated(ctx.canRenew)
          : has('DEVICE_MISMATCH') || has('FINGERPRINT_MISMATCH')
            ? OTHER_DEVICE
            : notValid(ctx, decision.reasons.join(', ') || 'unknown reason')
  return { state: decision.state, deadline: null, ...wording }
}

type Wording = Omit<LicenseStatus, 'state' | 'deadline'>

const REVOKED: Wording = {
  headline: 'License revoked',
  detail:
    'The license administrator has revoked this license for this device. Contact them, or enter another license key.',
  severity: 'error',
  renewalPending: false,
  actions: [ACTIONS.contactAdmin, ACTIONS.activate],
}

const DEVICE_REVOKED: Wording = {
  headline: 'Device revoked',
  detail:
    'The license administrator has revoked this device; the license itself was not revoked. Contact them to use it on this device again.',
  severity: 'error',
  renewalPending: false,
  actions: [ACTIONS.contactAdmin],
}

const EXPIRED: Wording = {
  headline: 'License expired',
  detail: 'This device has been offline longer than the license allows. Connect it to the internet to renew.',
  severity: 'error',
  renewalPending: true,
  actions: [ACTIONS.connect, ACTIONS.renew],
}

const OTHER_DEVICE: Wording = {
  headline: 'License belongs to another device',
  detail:
    "The stored license was issued to a different computer (were the app's files copied from another machine?). Enter your license key to activate this one.",
  severity: 'error',
  renewalPending: false,
  actions: [ACTIONS.activate],
}

function notActivated(canRenew: boolean): Wording {
  return {
    headline: canRenew ? 'License being restored' : 'Not activated',
    detail: canRenew
      ? 'The license data on this device is missing; it is fetched again when the device is online.'
      : 'Enter your license key to activate this device.',
    severity: 'info',
    renewalPending: canRenew,
    actions: canRenew ? [ACTIONS.renew, ACTIONS.activate] : [ACTIONS.activate],
  }
}

function notValid(ctx: StatusContext, reasons: string): Wording {
  return {
    headline: 'License not valid',
    detail: `The stored license could not be verified (${reasons}). ${ctx.canRenew ? 'A fresh one is fetched when the device is online, or enter' : 'Enter'} your license key.`,
    severity: 'error',
    renewalPending: ctx.canRenew,
    actions: ctx.canRenew ? [ACTIONS.renew, ACTIONS.activate] : [ACTIONS.activate],
  }
}

/** "The license server could not be reached (last try 14:05)." and the like. */
export function lastTry(ctx: StatusContext): string {
  const r = ctx.renewal
  const at = r.lastAttemptAt > 0 ? ` (last try ${formatTime(r.lastAttemptAt, ctx.timeZone)})` : ''
  switch (r.lastOutcome) {
    case 'offline':
      return `the license server could not be reached${at}.`
    case 'server_error':
    case 'rate_limited':
      return `the license server is busy or unavailable${at}.`
    case 'rejected':
      return `the license server declined the renewal (${r.lastCode ?? 'rejected'})${at}.`
    default:
      return `not renewed yet${at}.`
  }
}
