/**
 * @tessera/client — the SDK vendors embed: offline, deterministic license decisions from an
 * encrypted store, device identity, a trusted clock, silent renewal, a human status model.
 */
export type { TesseraClient } from './client.js'
export { openClient } from './client.js'
export type { DeviceKey } from './device/device-key.js'
export { DEVICE_ID_ENV } from './device/fingerprint.js'
export type { FingerprintSources } from './device/fingerprint-sources.js'
export type { ClientErrorCode } from './errors.js'
export { ClientError, isClientError } from './errors.js'
export type { ChangeEvent } from './lease/change-feed.js'
export type { DeactivationResult } from './lease/deactivation.js'
export type { ClientOptions, RenewalOptions } from './options.js'
export type { RenewOutcome, RenewResult } from './renewal/renew.js'
export type { AttemptOutcome, RenewalState } from './renewal/renewal-state.js'
export type { Diagnostics } from './status/diagnostics.js'
export type { PrivacyItem, PrivacyReport } from './status/privacy-report.js'
export type { LicenseStatus, Severity, StatusAction, StatusActionId } from './status/status-types.js'
export { defaultStoreDir } from './store/default-dir.js'
export type { KeyProblem, KeyStorage, KeyStorageState } from './store/key-storage.js'
export type { KeyVault } from './store/key-vault.js'
export { FileKeyVault } from './store/key-vault.js'
export type { HttpTransportOptions } from './transport/http-transport.js'
export { HttpTransport } from './transport/http-transport.js'
export type {
  ActivateRequest,
  LicenseRequest,
  ProofRequest,
  Prover,
  RenewRequest,
  TelemetryEvent,
  TelemetryRequest,
  Transport,
} from './transport/transport.js'
export type { TransportErrorCode, TransportFailureKind } from './transport/transport-error.js'
export { isTransportError, TransportError } from './transport/transport-error.js'
