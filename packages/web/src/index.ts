/**
 * @tessera/web — the `<tessera-status>` badge. Importing this module registers the element.
 * The operator dashboard is a separate bundle (src/dashboard), served by the license server.
 */
import { defineTesseraStatus } from './badge/tessera-status.js'

export type { Catalogue } from './badge/catalogue.js'
export { ENGLISH, getCatalogue, setCatalogue } from './badge/catalogue.js'
export { formatDeadline } from './badge/deadline-format.js'
export type { BadgeStatus, LicenseState, Severity, StatusAction, Tone } from './badge/status-model.js'
export { LICENSE_STATES, toneOf } from './badge/status-model.js'
export { defineTesseraStatus, type TesseraActionDetail, TesseraStatus } from './badge/tessera-status.js'

defineTesseraStatus()
