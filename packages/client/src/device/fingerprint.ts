import { componentHash as coreComponentHash } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type { FingerprintSources } from './fingerprint-sources.js'

/** The environment variable that stands for the hardware fingerprint (containers, identical VMs). */
export const DEVICE_ID_ENV = 'TESSERA_DEVICE_ID'

export interface Fingerprint {
  /** Salted component hashes (6 characters), as sent at activation and matched k-of-n against the lease. */
  readonly components: readonly string[]
  /** Which components were found (names only, for the privacy report). */
  readonly names: readonly string[]
  /** True when TESSERA_DEVICE_ID replaced the hardware components. */
  readonly overridden: boolean
}

/**
 * One component: the first 4 bytes (32 bits) of SHA-256("tessera-fp:v1:<product>:<name>=<value>"),
 * base64url: 6 characters, so six of them fit a lease in 36 bytes (FORMATS.md §4). The product
 * salt makes the same machine look unrelated to two vendors.
 */
export function componentHash(product: string, name: string, value: string): string {
  return coreComponentHash(product, name, value, nodeCrypto)
}

/**
 * This machine's fingerprint: machine id, OS, CPU model, hostname, MAC addresses and disk id,
 * whichever are available. When `TESSERA_DEVICE_ID` is set (a stable id the deployment assigns to
 * each container or VM clone) it is the single component and hardware is not read at all.
 */
export async function gatherFingerprint(product: string, sources: FingerprintSources): Promise<Fingerprint> {
  const override = sources.env(DEVICE_ID_ENV)?.trim()
  if (override) {
    return {
      components: [componentHash(product, 'device-id', override)],
      names: ['device-id'],
      overridden: true,
    }
  }
  const [machine, disk] = await Promise.all([
    safe(() => sources.machineId()),
    safe(() => sources.diskSerial()),
  ])
  const macs = (await safe(async () => sources.macAddresses())) ?? []
  const raw: [string, string | null | undefined][] = [
    ['machine-id', machine],
    ['os', await safe(async () => sources.os())],
    ['cpu', await safe(async () => sources.cpuModel())],
    ['host', await safe(async () => sources.hostname())],
    ['mac', macs.length > 0 ? macs.join(',') : null],
    ['disk', disk],
  ]
  const found = raw.filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  )
  return {
    components: found.map(([name, value]) => componentHash(product, name, value)),
    names: found.map(([name]) => name),
    overridden: false,
  }
}

/** A source that fails counts as absent: a fingerprint never stops the app from starting. */
async function safe<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read()
  } catch {
    return null
  }
}
