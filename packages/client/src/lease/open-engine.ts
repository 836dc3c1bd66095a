import { gatherFingerprint } from '../device/fingerprint.js'
import { systemSources } from '../device/fingerprint-sources.js'
import type { ResolvedOptions } from '../options.js'
import { ClientStore } from '../store/client-store.js'
import { FileKeyVault } from '../store/key-vault.js'
import { emptyLicenseRecord } from '../store/records.js'
import { TelemetryQueue } from '../telemetry/telemetry-queue.js'
import { HttpTransport } from '../transport/http-transport.js'
import { noServerTransport } from '../transport/no-server-transport.js'
import { newEpoch } from './adopt.js'
import { Engine } from './engine.js'
import { type FileState, LicenseState } from './license-state.js'

/**
 * Opens the store (creating the device secret and key on first run), reads the fingerprint and
 * the records, and assembles the engine. Unreadable records are reported to the decision, never
 * thrown; only a store that cannot be created or written at all fails here (STORE_UNAVAILABLE).
 */
export async function openEngine(options: ResolvedOptions, signal: AbortSignal): Promise<Engine> {
  const vault = options.vault ?? new FileKeyVault(options.storeDir)
  const store = await ClientStore.open(options.storeDir, options.product, vault)
  const sources = { ...systemSources, ...options.fingerprintSources }
  const [device, fingerprint, license, identity] = await Promise.all([
    store.deviceKey(),
    gatherFingerprint(options.product, sources),
    store.readLicense(),
    store.readIdentity(),
  ])
  const file: FileState = license.status
  const record = license.status === 'ok' ? license.value : emptyLicenseRecord(newEpoch())
  const app = {
    product: options.product,
    ...(options.appVersion ? { version: options.appVersion } : {}),
    essential: options.essential,
    ...(options.features ? { features: options.features } : {}),
    ...(options.compat ? { compat: options.compat } : {}),
  }
  const state = new LicenseState(
    {
      app: Object.freeze(app),
      roots: options.roots,
      deviceId: device.key.id,
      components: fingerprint.components,
      tolerance: options.clockToleranceSeconds,
    },
    record,
    file,
    identity.status === 'ok' ? identity.value : null,
    device.corrupt,
  )
  const telemetry = new TelemetryQueue(store.sealed, options.telemetry)
  await telemetry.load()
  const transport =
    options.transport ??
    (options.serverUrl
      ? new HttpTransport(options.serverUrl, { timeoutSeconds: options.requestTimeoutSeconds, signal })
      : noServerTransport())
  return new Engine(options, store, device.key, fingerprint, state, telemetry, transport)
}
