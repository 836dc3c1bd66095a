import { hkdfSync, randomBytes } from 'node:crypto'
import { chmod, link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { ClientError } from '../errors.js'
import { fsyncDir } from './atomic-write.js'

/**
 * Where the key sealing a product's store comes from. The client picks a built-in vault through
 * its `keyStorage` option (the OS keychain, else a device secret file); a vendor with a better
 * place (a TPM, an HSM-backed agent) implements this interface and passes it as `vault`.
 * The key must be the same on every run on this device and differ across devices.
 */
export interface KeyVault {
  /** Plain words for the privacy report: where the secret lives. */
  readonly description: string
  /** The 32-byte AES-256-GCM key of `product`'s store. */
  storeKey(product: string): Promise<Uint8Array>
}

/** The built-in places a store key is kept; recorded per store (see key-storage.ts). */
export type VaultKind = 'file' | 'secret-service' | 'macos-keychain' | 'dpapi'

/** Key material that exists but cannot be used: not a key (`corrupt`), or not readable at all. */
export type KeyDamage = 'corrupt' | 'unreadable'

/** The key material is there but unusable; the vault's `create` replaces it (kept aside where it can be). */
export class KeyDamagedError extends ClientError<'KEY_DAMAGED'> {
  constructor(
    readonly damage: KeyDamage,
    options?: { cause?: unknown },
  ) {
    super('KEY_DAMAGED', `the store key material is ${damage}`, options)
  }
}

/** Why a keychain could not be asked: a transient condition, never a reason to replace the key. */
export type UnavailableReason =
  | 'missing-tool'
  | 'no-session'
  | 'locked'
  | 'timeout'
  | 'failed'
  /** The key file exists but cannot be read now (permissions, a sharing lock, no file handles). */
  | 'no-access'

export class KeychainUnavailableError extends ClientError<'KEYCHAIN_UNAVAILABLE'> {
  constructor(
    readonly reason: UnavailableReason,
    options?: { cause?: unknown },
  ) {
    super('KEYCHAIN_UNAVAILABLE', `the OS keychain is unavailable (${reason})`, options)
  }
}

/** Reads a key file (injectable so tests can make it fail as a full or locked system would). */
export type ReadKeyFile = (path: string) => Promise<Buffer>

/**
 * What a failed read of key material means. Only a path that cannot be a key file (a directory,
 * a symlink loop) is damage; every other error (EACCES, EPERM, EBUSY, EMFILE, EIO…) is passing or
 * not ours to fix, so the key is out of reach this session and must never be replaced.
 * Returns null for ENOENT (no key yet).
 */
export function readFailure(err: unknown): null {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return null
  if (code === 'EISDIR' || code === 'ELOOP') throw new KeyDamagedError('unreadable', { cause: err })
  throw new KeychainUnavailableError('no-access', { cause: err })
}

/**
 * A vault of this package: `load` reads the key (null when there is none yet; KeyDamagedError,
 * KeychainUnavailableError), `create` makes a new random key and keeps it, replacing damaged
 * material. The caller (key-storage.ts) serializes creation between processes.
 */
export interface BuiltInVault extends KeyVault {
  readonly kind: VaultKind
  load(product: string): Promise<Uint8Array | null>
  create(product: string): Promise<Uint8Array>
}

export const SECRET_FILE = 'device.secret'
const SECRET_BYTES = 32

/**
 * A 32-byte random device secret in a file with mode 0600, created on first run; the store key is
 * HKDF-SHA256(secret, info "tessera-store-v1:<product>"). Creation is race-free between processes:
 * the secret is written and fsynced under a temp name, then hard-linked to its final name, which
 * fails if another process won, so nobody ever reads a half-written secret.
 */
export class FileKeyVault implements BuiltInVault {
  readonly kind = 'file'
  readonly description: string
  readonly #path: string
  readonly #readFile: ReadKeyFile

  constructor(
    readonly dir: string,
    io: { readFile?: ReadKeyFile } = {},
  ) {
    this.#path = join(dir, SECRET_FILE)
    this.#readFile = io.readFile ?? ((path) => readFile(path))
    this.description = `a random secret in ${this.#path} (readable only by your user account)`
  }

  async storeKey(product: string): Promise<Uint8Array> {
    return (await this.load(product).catch(() => null)) ?? this.create(product)
  }

  async load(product: string): Promise<Uint8Array | null> {
    const secret = await this.#read()
    return secret && derive(secret, product)
  }

  /**
   * Makes the secret unless a usable one exists by now. Damaged material (wrong size, a
   * directory, a symlink loop) is renamed to `device.secret.invalid-<ms>` and kept for inspection.
   */
  async create(product: string): Promise<Uint8Array> {
    try {
      const existing = await this.#read()
      if (existing) return derive(existing, product)
    } catch (err) {
      if (!(err instanceof KeyDamagedError)) throw err
      await rename(this.#path, `${this.#path}.invalid-${Date.now()}`)
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    const temp = `${this.#path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
    const handle = await open(temp, 'wx', 0o600)
    try {
      await handle.writeFile(randomBytes(SECRET_BYTES))
      await handle.sync()
    } finally {
      await handle.close()
    }
    try {
      await link(temp, this.#path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    } finally {
      await unlink(temp).catch(() => {})
    }
    await fsyncDir(this.dir)
    const created = await this.#read()
    if (!created) throw new Error('device secret unreadable right after creation')
    return derive(created, product)
  }

  /**
   * The secret, or null when absent. A secret of the wrong size cannot have been written by us
   * (KeyDamagedError corrupt); a directory or a symlink loop is unreadable; any other read error
   * leaves the key out of reach (KeychainUnavailableError no-access, see readFailure).
   * Permissions wider than 0600 are narrowed.
   */
  async #read(): Promise<Uint8Array | null> {
    let bytes: Buffer
    try {
      bytes = await this.#readFile(this.#path)
    } catch (err) {
      return readFailure(err)
    }
    if (bytes.length !== SECRET_BYTES) throw new KeyDamagedError('corrupt')
    if (process.platform !== 'win32') {
      const mode = (await stat(this.#path)).mode & 0o777
      if (mode & 0o077) await chmod(this.#path, 0o600).catch(() => {})
    }
    return new Uint8Array(bytes)
  }
}

function derive(secret: Uint8Array, product: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), `tessera-store-v1:${product}`, 32))
}
