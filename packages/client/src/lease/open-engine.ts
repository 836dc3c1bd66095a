import { gatherFingerprint } from '../device/fingerprint.js'
import { systemSources } from '../device/fingerprint-sources.js'
import { ClientError } from '../errors.js'
import type { ResolvedOptions } from '../options.js'
import { ClientStore } from '../store/client-store.js'
import { type KeyProblem, openStoreKey } from '../store/key-storage.js'
import { MIGRATIONS } from '../store/migrations.js'
import { emptyLicenseRecord } from '../store/records.js'
import { TelemetryQueue } from '../telemetry/telemetry-queue.js'
import { HttpTransport } from '../transport/http-transport.js'
import { noServerTransport } from '../transport/no-server-transport.js'
import { newEpoch } from './adopt.js'
import { Engine } from './engine.js'
import { type FileState, LicenseState } from './license-state.js'

/**
 * Opens the store (creating the store key and device key on first run), reads the fingerprint and
 * the records, and assembles the engine. Unreadable records and key material are reported to the
 * decision, never thrown; only a store directory that cannot be created or written at all fails
 * here (STORE_UNAVAILABLE).
 */
export async function openEngine(options: ResolvedOptions, signal: AbortSignal): Promise<Engine> {
  const store = await openStore(options)
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
  const problem = store.keyState?.problem
  if (problem)
    telemetry.add({ type: 'anomaly', at: Math.floor(options.now()), code: keyProblemCode(problem) })
  const transport =
    options.transport ??
    (options.serverUrl
      ? new HttpTransport(options.serverUrl, { timeoutSeconds: options.requestTimeoutSeconds, signal })
      : noServerTransport())
  return new Engine(options, store, device.key, fingerprint, state, telemetry, transport)
}

async function openStore(options: ResolvedOptions): Promise<ClientStore> {
  const { storeDir, product } = options
  try {
    const open = (createMissing: boolean) =>
      openStoreKey(storeDir, product, options.keyStorage, options.vault, options.now(), { createMissing })
    const { key, state } = await open(false)
    return await ClientStore.withKey(storeDir, product, key, state, MIGRATIONS, () => open(true))
  } catch (cause) {
    throw new ClientError('STORE_UNAVAILABLE', 'the license store cannot be opened', { cause })
  }
}

/** The anomaly code queued for the vendor when the store key had to be replaced or was out of reach. */
function keyProblemCode(problem: KeyProblem): string {
  return `STORE_KEY_${problem.toUpperCase()}`
}
