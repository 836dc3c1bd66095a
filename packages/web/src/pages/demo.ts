import {
  type BadgeStatus,
  type Catalogue,
  ENGLISH,
  setCatalogue,
  type TesseraActionDetail,
} from '../index.js'
import { DEMO_STATUSES } from './demo-statuses.js'

const params = new URLSearchParams(location.search)
/** `?now=` (epoch seconds) pins the clock so screenshots are reproducible. */
const now = Number(params.get('now') ?? Math.floor(Date.now() / 1000))
const timeZone = params.get('tz') ?? undefined

/**
 * One status per case, as the client SDK's real status model produced it (demo-statuses.ts is
 * recorded by the badge tests), moved in time so its deadline is as far from `now` as it was from
 * the moment it was recorded.
 */
export const SAMPLES: Record<string, BadgeStatus> = Object.fromEntries(
  Object.entries(DEMO_STATUSES).map(([name, { recordedAt, status }]) => [
    name,
    { ...status, deadline: typeof status.deadline === 'number' ? status.deadline + now - recordedAt : null },
  ]),
)

/** A second catalogue, to show that every built-in string can be replaced (`?catalogue=fr`). */
const FRENCH: Catalogue = {
  locale: 'fr-FR',
  label: 'État de la licence',
  modelText: false,
  states: {
    active: {
      label: 'Active',
      headline: 'Votre licence est active',
      detail: 'Elle se renouvelle d’elle-même en arrière-plan.',
    },
    renewal_due: {
      label: 'Active',
      headline: 'Votre licence est active',
      detail: 'Elle se renouvelle d’elle-même en arrière-plan ; rien à faire.',
    },
    offline_grace: {
      label: 'Hors ligne',
      headline: 'Travail hors ligne',
      detail: 'La période hors ligne est terminée ; tout fonctionne encore pendant un court délai de grâce.',
    },
    limited: {
      label: 'Limitée',
      headline: 'Seules les fonctions essentielles sont disponibles',
      detail: 'Toutes les fonctions reviennent dès que la licence est renouvelée ou mise à jour.',
    },
    expired: {
      label: 'Expirée',
      headline: 'Votre licence a expiré',
      detail: 'Cet appareil ne peut plus utiliser l’application tant que la licence n’est pas renouvelée.',
    },
    revoked: {
      label: 'Révoquée',
      headline: 'Cette licence a été révoquée',
      detail: 'Votre administrateur de licences l’a retirée de cet appareil.',
    },
    invalid: {
      label: 'Non valide',
      headline: 'La licence de cet appareil n’est pas valide',
      detail: 'Elle ne peut pas être utilisée telle quelle ; les options ci-contre peuvent la rétablir.',
    },
  },
  unknown: { label: 'Inconnu', headline: 'État de la licence indisponible' },
  deadline: {
    active: 'Fonctionne hors ligne jusqu’au {date}',
    renewal_due: 'Fonctionne hors ligne jusqu’au {date}',
    offline_grace: 'Reconnectez-vous avant le {date}',
  },
  renewalPending: 'Le dernier renouvellement n’a pas abouti ; nouvel essai en arrière-plan.',
  actions: {
    renew: 'Renouveler',
    connect: 'Comment se reconnecter',
    activate: 'Saisir une clé de licence',
    'check-clock': 'Vérifier la date et l’heure',
    'update-license': 'Obtenir une licence pour cette version',
    'contact-admin': 'Contacter l’administrateur',
  },
}

function render(): void {
  if (params.get('catalogue') === 'fr') {
    document.documentElement.lang = 'fr-FR'
    setCatalogue(FRENCH)
  } else if (params.get('text') === 'sdk') {
    // The app opts into the SDK's own English headline and detail.
    setCatalogue({ ...ENGLISH, modelText: true })
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
