import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type OkpPublicJwk, parsePublicJwk } from '@tessera/core'
import { CliError, usageError } from './cli-error.js'
import type { CommandInput } from './command.js'
import { EXIT } from './exit-codes.js'

/**
 * What the device verbs remember between runs, next to the client's encrypted store: the product,
 * the server URL and the pinned root key given at activation. Public values only. An app embeds
 * its root key and essential features instead; this file is the CLI's equivalent of those.
 */
export interface DeviceConfig {
  product: string
  serverUrl: string | null
  root: OkpPublicJwk
  /**
   * The product's essential features as the last verified lease listed them (`ess`), kept so that
   * limited mode from an unreadable store still has them (the lease that names them is unreadable
   * then). Updated at activation, renewal and offline import.
   */
  essential: string[]
}

const FILE = 'tessera-cli.json'

export const STORE_OPTION = {
  type: 'string',
  description: 'device store directory (or TESSERA_STORE)',
} as const

export function storeDir(input: CommandInput): string {
  const dir = (input.values.store as string | undefined) ?? input.io.env.TESSERA_STORE
  if (!dir) throw usageError('--store DIR (or TESSERA_STORE) is required')
  return resolve(dir)
}

export async function loadDeviceConfig(dir: string): Promise<DeviceConfig> {
  const path = join(dir, FILE)
  if (!existsSync(path)) {
    throw new CliError(
      'NO_STORE',
      `no license store in ${dir}; run tessera activate (or tessera offline request) first`,
      EXIT.NO_STORE,
    )
  }
  try {
    const raw = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
    if (typeof raw.product !== 'string') throw new Error('product')
    const essential = Array.isArray(raw.essential) ? raw.essential : []
    if (!essential.every((f) => typeof f === 'string')) throw new Error('essential')
    return {
      product: raw.product,
      serverUrl: typeof raw.serverUrl === 'string' ? raw.serverUrl : null,
      root: parsePublicJwk(raw.root) as OkpPublicJwk,
      essential,
    }
  } catch (cause) {
    throw new CliError('STORE_CONFIG_INVALID', `${path} is damaged; activate again`, EXIT.ERROR, { cause })
  }
}

export async function saveDeviceConfig(dir: string, config: DeviceConfig): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const tmp = join(dir, `.${FILE}.${process.pid}`)
  await writeFile(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o644 })
  await rename(tmp, join(dir, FILE))
}

/** Reads a root public key file (root.pub.jwk from `tessera init`). */
export async function readRootKey(path: string): Promise<OkpPublicJwk> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    throw usageError(`cannot read the root key file ${path}`)
  }
  try {
    const jwk = parsePublicJwk(JSON.parse(text))
    if (jwk.kty !== 'OKP') throw new Error('not Ed25519')
    return jwk
  } catch {
    throw new CliError('ROOT_KEY_INVALID', `${path} is not an Ed25519 public JWK`, EXIT.USAGE)
  }
}
