import { openClient, type TesseraClient } from '@tessera/client'
import { type Decision, decodeJws } from '@tessera/core'
import type { CommandInput } from './command.js'
import { type DeviceConfig, loadDeviceConfig, saveDeviceConfig, storeDir } from './device-config.js'
import { EXIT } from './exit-codes.js'

/** Opens the client of the store named by --store, with the configuration saved at activation. */
export async function openDeviceClient(
  input: CommandInput,
): Promise<{ client: TesseraClient; config: DeviceConfig }> {
  const dir = storeDir(input)
  const config = await loadDeviceConfig(dir)
  return { client: await clientFor(dir, config), config }
}

export function clientFor(dir: string, config: DeviceConfig): Promise<TesseraClient> {
  return openClient({
    product: config.product,
    roots: [config.root],
    storeDir: dir,
    ...(config.serverUrl ? { serverUrl: config.serverUrl } : {}),
    ...(config.essential.length > 0 ? { essential: config.essential } : {}),
  })
}

/**
 * Saves the configuration with the essential features of the lease the client now holds, when
 * that lease verified (the decision names it); otherwise the last known list is kept.
 */
export async function saveWithEssential(
  dir: string,
  config: DeviceConfig,
  client: TesseraClient,
): Promise<void> {
  const decision = client.check()
  const bundle = client.diagnostics().input.bundle
  const lease = bundle && 'lease' in bundle && typeof bundle.lease === 'string' ? bundle.lease : null
  let essential = config.essential
  if (lease && decision.license) {
    const claims = decodeJws(lease, 'lease').payload as { jti?: unknown; ess?: unknown }
    if (claims.jti === decision.license.lease && Array.isArray(claims.ess))
      essential = claims.ess.filter((f): f is string => typeof f === 'string').sort()
  }
  await saveDeviceConfig(dir, { ...config, essential })
}

/** Runs `work` with an open client and always closes it (writes pending clock marks). */
export async function withDeviceClient<T>(
  input: CommandInput,
  work: (client: TesseraClient, config: DeviceConfig) => Promise<T>,
): Promise<T> {
  const { client, config } = await openDeviceClient(input)
  try {
    return await work(client, config)
  } finally {
    await client.close()
  }
}

const FULL_USE = new Set(['active', 'renewal_due', 'offline_grace'])

/** 0 while the license allows full use, 3 otherwise (limited, expired, revoked, invalid). */
export function exitFor(decision: Decision): number {
  return FULL_USE.has(decision.state) ? EXIT.OK : EXIT.NOT_ALLOWED
}
