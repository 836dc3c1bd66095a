import { readFileSync, unlinkSync } from 'node:fs'
import { readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { ClientError } from '../errors.js'
import { writeFileAtomic, writeFileAtomicSync } from './atomic-write.js'
import { type CorruptReason, FORMAT_VERSION, SealedFileError, seal, unseal } from './sealed-format.js'
import { type LockOptions, withLock } from './store-lock.js'
import { withLockSync } from './store-lock-sync.js'

/** Turns the JSON of format version `n` into that of version `n + 1`. */
export type Migration = (value: unknown) => unknown

/** Migrations by the version they start from; a file older than FORMAT_VERSION needs every step. */
export type Migrations = Readonly<Record<number, Migration>>

/** One kind of file in the store: its name (bound into the AEAD) and the shape check of its JSON. */
export interface FileCodec<T> {
  readonly name: string
  /** Validates decrypted JSON; throws when the shape is wrong (the file then reads as corrupt). */
  parse(value: unknown): T
}

export type ReadResult<T> =
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'missing' }
  | { readonly status: 'corrupt'; readonly reason: CorruptReason }

/** The name of the lock serializing writes of the store's files between processes. */
export const WRITE_LOCK = '.lock'

/**
 * A directory of sealed (AES-256-GCM) JSON files. Reads need no lock (every write is an atomic
 * rename, so a reader sees a whole old or whole new file); writes are read-modify-write under the
 * store's advisory lock so concurrent processes never lose each other's changes. A read-only
 * store (its key could not be had: `key` is then a throwaway) refuses every write, so files
 * sealed under the real key are never overwritten.
 */
export class SealedStore {
  #key: Uint8Array
  #readOnly: boolean

  constructor(
    readonly dir: string,
    readonly product: string,
    key: Uint8Array,
    private readonly migrations: Migrations = {},
    private readonly lockOptions: LockOptions = {},
    readOnly = false,
  ) {
    this.#key = key
    this.#readOnly = readOnly
  }

  get key(): Uint8Array {
    return this.#key
  }

  get readOnly(): boolean {
    return this.#readOnly
  }

  /** A read-only store takes the key that was created for it since (see ClientStore.createMissingKey). */
  unlock(key: Uint8Array): void {
    this.#key = key
    this.#readOnly = false
  }

  /** Opens a file: ok, missing, or corrupt (torn, truncated, tampered, foreign) — never throws for those. */
  async read<T>(codec: FileCodec<T>): Promise<ReadResult<T>> {
    let bytes: Buffer
    try {
      bytes = await readFile(join(this.dir, codec.name))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' }
      return { status: 'corrupt', reason: 'io' }
    }
    return this.decode(codec, bytes)
  }

  /** Decodes the bytes of a file (exposed for tests that damage bytes in memory). */
  decode<T>(codec: FileCodec<T>, bytes: Uint8Array): ReadResult<T> {
    try {
      const { version, plaintext } = unseal(this.key, this.product, codec.name, bytes)
      let value: unknown
      try {
        value = JSON.parse(plaintext.toString('utf8'))
      } catch {
        return { status: 'corrupt', reason: 'json' }
      }
      for (let v = version; v < FORMAT_VERSION; v++) {
        const step = this.migrations[v]
        if (!step) return { status: 'corrupt', reason: 'version' }
        value = step(value)
      }
      return { status: 'ok', value: codec.parse(value) }
    } catch (err) {
      return { status: 'corrupt', reason: err instanceof SealedFileError ? err.reason : 'shape' }
    }
  }

  /** The sealed bytes of a value, as written to disk. */
  encode<T>(codec: FileCodec<T>, value: T): Buffer {
    return seal(this.key, this.product, codec.name, Buffer.from(JSON.stringify(value), 'utf8'))
  }

  /**
   * Read-modify-write under the lock: `change` sees the file as it is on disk now and returns the
   * value to write, `null` to delete the file, or `undefined` to leave it as is. Returns what the
   * file holds afterwards.
   */
  async update<T>(
    codec: FileCodec<T>,
    change: (current: ReadResult<T>) => T | null | undefined,
  ): Promise<ReadResult<T>> {
    this.#checkWritable()
    return withLock(
      this.dir,
      WRITE_LOCK,
      async () => {
        const current = await this.read(codec)
        const next = change(current)
        if (next === undefined) return current
        if (next === null) {
          await unlink(join(this.dir, codec.name)).catch(() => {})
          return { status: 'missing' }
        }
        await writeFileAtomic(join(this.dir, codec.name), this.encode(codec, next))
        return { status: 'ok', value: next }
      },
      this.lockOptions,
    )
  }

  /**
   * `update`, synchronously, for a process that is exiting: waits at most half a second for
   * another process's lock, and writes through the same atomic sealed write.
   */
  updateSync<T>(codec: FileCodec<T>, change: (current: ReadResult<T>) => T | null | undefined): void {
    this.#checkWritable()
    withLockSync(this.dir, WRITE_LOCK, () => {
      const next = change(this.#readSync(codec))
      if (next === undefined) return
      if (next === null) {
        try {
          unlinkSync(join(this.dir, codec.name))
        } catch {
          // already gone
        }
        return
      }
      writeFileAtomicSync(join(this.dir, codec.name), this.encode(codec, next))
    })
  }

  #readSync<T>(codec: FileCodec<T>): ReadResult<T> {
    let bytes: Buffer
    try {
      bytes = readFileSync(join(this.dir, codec.name))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' }
      return { status: 'corrupt', reason: 'io' }
    }
    return this.decode(codec, bytes)
  }

  #checkWritable(): void {
    if (this.readOnly)
      throw new ClientError('STORE_UNAVAILABLE', 'the store key is unavailable: nothing is saved')
  }
}
