import {
  type BadgeStatus,
  type Catalogue,
  ENGLISH,
  setCatalogue,
  type TesseraActionDetail,
} from '../index.js'

const DAY = 86_400
const params = new URLSearchParams(location.search)
/** `?now=` (epoch seconds) pins the clock so screenshots are reproducible. */
const now = Number(params.get('now') ?? Math.floor(Date.now() / 1000))
const timeZone = params.get('tz') ?? undefined

/** One sample model per state, worded like the client SDK's `status()`. */
export const SAMPLES: Record<string, BadgeStatus> = {
  active: {
    state: 'active',
    headline: 'Your license is active',
    detail: 'Every feature of Demo Pro is available.',
    severity: 'ok',
    deadline: now + 6 * DAY,
    renewalPending: false,
    actions: [],
  },
  renewal_due: {
    state: 'renewal_due',
    headline: 'Your license is active',
    detail: 'It renews by itself the next time this device is online.',
    severity: 'ok',
    deadline: now + 4 * DAY,
    renewalPending: false,
    actions: [],
  },
  'renewal-pending': {
    state: 'renewal_due',
    headline: 'Your license is active',
    detail: 'The last renewal could not reach the license server. Nothing changes for you.',
    severity: 'info',
    deadline: now + 4 * DAY,
    renewalPending: true,
    actions: [{ id: 'renew', label: 'Try renewing now' }],
  },
  offline_grace: {
    state: 'offline_grace',
    headline: 'Working offline',
    detail: 'This device has been offline for 8 days. Connect to the internet to renew.',
    severity: 'warning',
    deadline: now + DAY + 5 * 3600,
    renewalPending: true,
    actions: [
      { id: 'renew', label: 'Try renewing now' },
      { id: 'connect', label: 'Connect to the internet' },
    ],
  },
  limited: {
    state: 'limited',
    headline: 'Only essential features are available',
    detail: 'The offline period has ended. Connect to the internet to restore every feature.',
    severity: 'warning',
    deadline: null,
    renewalPending: true,
    actions: [
      { id: 'renew', label: 'Try renewing now' },
      { id: 'connect', label: 'Connect to the internet' },
    ],
  },
  expired: {
    state: 'expired',
    headline: 'Your license has expired',
    detail: 'Renew your subscription to keep using Demo Pro.',
    severity: 'error',
    deadline: null,
    renewalPending: false,
    actions: [{ id: 'contact-admin', label: 'Contact your license administrator' }],
  },
  revoked: {
    state: 'revoked',
    headline: 'This license was revoked',
    detail: 'Ask your administrator if you think this is a mistake.',
    severity: 'error',
    deadline: null,
    renewalPending: false,
    actions: [{ id: 'contact-admin', label: 'Contact your license administrator' }],
  },
  invalid: {
    state: 'invalid',
    headline: 'The license on this device is not valid',
    detail: 'Its signature could not be verified. Activate again to fetch a fresh one.',
    severity: 'error',
    deadline: null,
    renewalPending: false,
    actions: [{ id: 'activate', label: 'Enter a license key' }],
  },
}

/** A second catalogue, to show that every built-in string can be replaced (`?catalogue=fr`). */
const FRENCH: Catalogue = {
  ...ENGLISH,
  locale: 'fr-FR',
  label: 'État de la licence',
  modelText: false,
  states: {
    active: { label: 'Active', headline: 'Votre licence est active' },
    renewal_due: {
      label: 'Active',
      headline: 'Votre licence est active',
      detail: 'Elle se renouvelle dès que l’appareil est en ligne.',
    },
    offline_grace: {
      label: 'Hors ligne',
      headline: 'Travail hors ligne',
      detail: 'Connectez-vous à Internet pour renouveler la licence.',
    },
    limited: {
      label: 'Limitée',
      headline: 'Seules les fonctions essentielles sont disponibles',
      detail: 'Reconnectez-vous pour retrouver toutes les fonctions.',
    },
    expired: { label: 'Expirée', headline: 'Votre licence a expiré' },
    revoked: { label: 'Révoquée', headline: 'Cette licence a été révoquée' },
    invalid: { label: 'Non valide', headline: 'La licence de cet appareil n’est pas valide' },
  },
  unknown: { label: 'Inconnu', headline: 'État de la licence indisponible' },
  deadline: {
    active: 'Fonctionne hors ligne jusqu’au {date}',
    renewal_due: 'Fonctionne hors ligne jusqu’au {date}',
    offline_grace: 'Reconnectez-vous avant le {date}',
  },
  renewalPending: 'Renouvellement en attente. Nouvel essai en arrière-plan.',
  actions: {
    renew: 'Renouveler',
    connect: 'Comment se reconnecter',
    activate: 'Saisir une clé de licence',
    'contact-admin': 'Contacter l’administrateur',
  },
}

function render(): void {
  if (params.get('catalogue') === 'fr') {
    document.documentElement.lang = 'fr-FR'
    setCatalogue(FRENCH)
  }
  const container = document.getElementById('states')!
  for (const [name, status] of Object.entries(SAMPLES)) {
    const section = document.createElement('section')
    section.className = 'case'
    const title = document.createElement('h2')
    title.textContent = name
    const badge = document.createElement('tessera-status')
    badge.id = `badge-${name}`
    badge.now = () => now * 1000
    badge.timeZone = timeZone
    badge.status = status
    section.append(title, badge)
    container.append(section)
  }
  document.addEventListener('tessera-action', (event) => {
    const { detail, target } = event as CustomEvent<TesseraActionDetail>
    document.getElementById('last-action')!.textContent = `${detail.id} (${(target as HTMLElement).id})`
  })
}

render()
