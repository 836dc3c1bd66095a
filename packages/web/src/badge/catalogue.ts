import type { LicenseState } from './status-model.js'

/**
 * Every string the badge shows by default. The badge renders from the status model's structured
 * fields (state, deadline, renewalPending, action ids) with these strings, so replacing the
 * catalogue (`setCatalogue`, or `element.catalogue = …`) translates everything it shows;
 * `{date}` is replaced by the formatted deadline.
 */
export interface Catalogue {
  /** BCP 47 locale for dates when neither the element nor the page says (`lang`). */
  locale: string
  /** Accessible name of the badge (its region). */
  label: string
  /**
   * Opt-in: show the status model's own `headline` and `detail` (free text written by the client
   * SDK, in English, dates included) instead of this catalogue's per-state sentences. The badge
   * then adds no deadline or renewal-pending line of its own (the SDK's text already says it), and
   * an action id missing from `actions` falls back to the SDK's label. Default false.
   */
  modelText: boolean
  states: Record<LicenseState, { label: string; headline: string; detail: string }>
  /** State of an unrecognised state or a malformed `status` attribute. */
  unknown: { label: string; headline: string }
  /** Sentence around the deadline, per state; a state without one shows no deadline. */
  deadline: Partial<Record<LicenseState, string>>
  /** Shown while `renewalPending` is true: a renewal failed and is being retried. */
  renewalPending: string
  /**
   * Button labels by action id. An action whose id is missing here is not shown (unless
   * `modelText` is on), so no untranslated label ever appears.
   */
  actions: Record<string, string>
}

export const ENGLISH: Catalogue = Object.freeze({
  locale: 'en-GB',
  label: 'License status',
  modelText: false,
  states: {
    active: {
      label: 'Active',
      headline: 'Your license is active',
      detail: 'It renews by itself in the background.',
    },
    renewal_due: {
      label: 'Active',
      headline: 'Your license is active',
      detail: 'It renews by itself in the background; nothing to do.',
    },
    offline_grace: {
      label: 'Offline',
      headline: 'Working offline',
      detail: 'The offline period has ended, and everything keeps working for a short grace period.',
    },
    limited: {
      label: 'Limited',
      headline: 'Only essential features are available',
      detail: 'Every feature comes back once the license is renewed or updated.',
    },
    expired: {
      label: 'Expired',
      headline: 'Your license has expired',
      detail: 'This device cannot use the app until the license is renewed.',
    },
    revoked: {
      label: 'Revoked',
      headline: 'This license was revoked',
      detail: 'Your license administrator has withdrawn it from this device.',
    },
    invalid: {
      label: 'Not valid',
      headline: 'The license on this device is not valid',
      detail: 'It cannot be used as it is; the options here can restore it.',
    },
  },
  unknown: { label: 'Unknown', headline: 'License status unavailable' },
  deadline: {
    active: 'Works offline until {date}',
    renewal_due: 'Works offline until {date}',
    offline_grace: 'Reconnect by {date} to keep every feature',
  },
  renewalPending: 'The last renewal did not go through; it is retried in the background.',
  actions: {
    renew: 'Renew now',
    connect: 'How to reconnect',
    activate: 'Enter a license key',
    'check-clock': 'Check date and time',
    'update-license': 'Get a license for this version',
    'contact-admin': 'Contact your administrator',
  },
})

let current: Catalogue = ENGLISH
const listeners = new Set<() => void>()

/** Replaces the catalogue of every badge on the page (they re-render). */
export function setCatalogue(catalogue: Catalogue): void {
  current = catalogue
  for (const listener of listeners) listener()
}

export function getCatalogue(): Catalogue {
  return current
}

/** Called on every `setCatalogue`; returns the unsubscribe function. */
export function onCatalogueChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Fills `{name}` placeholders; unknown names stay as written. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole)
}
