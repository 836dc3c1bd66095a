import type { LicenseState } from './status-model.js'

/**
 * Every string the badge renders by itself. Replace it whole (`setCatalogue`) or per element
 * (`element.catalogue = …`) to translate; `{date}` is replaced by the formatted deadline.
 */
export interface Catalogue {
  /** BCP 47 locale for dates when neither the element nor the page says (`lang`). */
  locale: string
  /** Accessible name of the badge (its region). */
  label: string
  /**
   * Show the status model's own `headline` and `detail` (written by the SDK, in English, and more
   * specific than a per-state sentence). A translated catalogue sets this to false: the badge then
   * shows the catalogue's `headline` and `detail` for the state instead.
   */
  modelText: boolean
  states: Record<LicenseState, { label: string; headline: string; detail?: string }>
  /** State of an unrecognised state or a malformed `status` attribute. */
  unknown: { label: string; headline: string }
  /** Sentence around the deadline, per state; a state without one shows no deadline. */
  deadline: Partial<Record<LicenseState, string>>
  renewalPending: string
  /** Button labels by action id; an id missing here uses the label the status model carries. */
  actions: Record<string, string>
}

export const ENGLISH: Catalogue = Object.freeze({
  locale: 'en-GB',
  label: 'License status',
  modelText: true,
  states: {
    active: { label: 'Active', headline: 'Your license is active' },
    renewal_due: { label: 'Active', headline: 'Your license is active' },
    offline_grace: { label: 'Offline', headline: 'Working offline' },
    limited: { label: 'Limited', headline: 'Only essential features are available' },
    expired: { label: 'Expired', headline: 'Your license has expired' },
    revoked: { label: 'Revoked', headline: 'This license was revoked' },
    invalid: { label: 'Not valid', headline: 'The license on this device is not valid' },
  },
  unknown: { label: 'Unknown', headline: 'License status unavailable' },
  deadline: {
    active: 'Works offline until {date}',
    renewal_due: 'Works offline until {date}',
    offline_grace: 'Reconnect by {date} to keep every feature',
  },
  renewalPending: 'Renewal pending. We keep retrying in the background.',
  actions: {
    renew: 'Renew now',
    connect: 'How to reconnect',
    activate: 'Enter a license key',
    'check-clock': 'Check date and time',
    'update-license': 'Get a license for this version',
    'contact-admin': 'Contact your administrator',
    retry: 'Retry now',
    'reconnect-help': 'How to reconnect',
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
