import { randomBytes } from 'node:crypto'
import { mkdir, readdir } from 'node:fs/promises'
import { dataFiles } from './keys/data-dir.js'
import { probeHsmKey, provisionKeys } from './keys/provision.js'
import { createAdminToken } from './security/admin-auth.js'
import { type DemoSeed, seedDemo } from './services/demo-seed.js'
import { openStorage } from './storage/index.js'

export interface InitOptions {
  dataDir: string
  /** Default: the SQLite file in the data directory. */
  database?: string
  /** Encrypts the key files. */
  passphrase?: string
  /** Issuer name in tokens. Default "tessera". */
  issuer?: string
  /** `pkcs11:` URI of an existing Ed25519 HSM key to sign with instead of a new key file (see probeHsmKey). */
  onlineKey?: string
  /** Also create the demo product, policy and a 3-seat license. */
  demo?: boolean
  now?: () => number
}

export interface InitResult {
  adminToken: string
  rootKeyFile: string
  encrypted: boolean
  demo?: DemoSeed
}

/** Refused when the directory exists and is not empty: init never overwrites keys. */
export class DataDirExistsError extends Error {
  readonly code = 'DATA_DIR_EXISTS'
}

/**
 * Creates a data directory: the database, a root key and an online key (encrypted when a
 * passphrase is given), root.pub.jwk, key set version 1 and the first admin token (returned once).
 */
export async function initDataDir(options: InitOptions): Promise<InitResult> {
  const entries = await readdir(options.dataDir).catch(() => null)
  if (entries && entries.length > 0)
    throw new DataDirExistsError(`${options.dataDir} exists and is not empty`)
  // An HSM key that cannot be opened must fail before anything is created.
  const onlineKey = options.onlineKey ? await probeHsmKey(options.onlineKey) : undefined
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  const now = options.now ?? (() => Math.floor(Date.now() / 1000))
  const storage = await openStorage(options.database ?? dataFiles(options.dataDir).database)
  try {
    const keys = await provisionKeys({
      dataDir: options.dataDir,
      storage,
      issuer: options.issuer ?? 'tessera',
      now: now(),
      ...(options.passphrase ? { passphrase: options.passphrase } : {}),
      ...(onlineKey ? { onlineKey } : {}),
    })
    const admin = await createAdminToken(storage, {
      label: 'initial',
      scopes: ['admin'],
      now: now(),
      random: randomBytes,
    })
    const result: InitResult = {
      adminToken: admin.token,
      rootKeyFile: keys.rootKeyFile,
      encrypted: keys.encrypted,
    }
    if (options.demo) result.demo = await seedDemo(storage, { now: now(), random: randomBytes })
    return result
  } finally {
    await storage.close()
  }
}
