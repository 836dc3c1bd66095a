import { hkdfSync, randomBytes } from 'node:crypto'
import { chmod, link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { fsyncDir } from './atomic-write.js'

/**
 * Where the key sealing a product's store comes from. The default FileKeyVault derives it from a
 * device secret file. An OS keychain plugs in by implementing this interface — e.g. `storeKey`
 * reads a random 32-byte key from libsecret / the macOS Keychain / DPAPI under the service
 * "tessera" and account `<product>`, creating it on first use — and passing it as the client's
 * `vault` option. The key must be the same on every run on this device and differ across devices.
 */
export interface KeyVault {
  /** Plain words for the privacy report: where the secret lives. */
  readonly description: string
  /** The 32-byte AES-256-GCM key of `product`'s store. */
  storeKey(product: string): Promise<Uint8Array>
}

export const SECRET_FILE = 'device.secret'
const SECRET_BYTES = 32

/**
 * A 32-byte random device secret in a file with mode 0600, created on first run; the store key is
 * HKDF-SHA256(secret, info "tessera-store-v1:<product>"). Creation is race-free between processes:
 * the secret is written and fsynced under a temp name, then hard-linked to its final name, which
 * fails if another process won, so nobody ever reads a half-written secret.
 */
export class FileKeyVault implements KeyVault {
  readonly description: string
  readonly #path: string

  constructor(readonly dir: string) {
    this.#path = join(dir, SECRET_FILE)
    this.description = `a random secret in ${this.#path} (readable only by your user account)`
  }

  async storeKey(product: string): Promise<Uint8Array> {
    const secret = await this.#secret()
    return new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), `tessera-store-v1:${product}`, 32))
  }

  async #secret(): Promise<Uint8Array> {
    const existing = await this.#read()
    if (existing) return existing
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
    return created
  }

  /**
   * The secret, or null when absent. A secret of the wrong size cannot have been written by us:
   * it is moved aside (kept for inspection) and a new one is made; the store then reads as
   * corrupt, which the decision handles. Permissions wider than 0600 are narrowed.
   */
  async #read(): Promise<Uint8Array | null> {
    let bytes: Buffer
    try {
      bytes = await readFile(this.#path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
    if (bytes.length !== SECRET_BYTES) {
      await rename(this.#path, `${this.#path}.invalid-${Date.now()}`).catch(() => {})
      return null
    }
    if (process.platform !== 'win32') {
      const mode = (await stat(this.#path)).mode & 0o777
      if (mode & 0o077) await chmod(this.#path, 0o600).catch(() => {})
    }
    return new Uint8Array(bytes)
  }
}
