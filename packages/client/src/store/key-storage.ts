import { mkdir } from 'node:fs/promises'
import { isClientError } from '../errors.js'
import { type KeyProblem, readRecord, writeRecord } from './key-record.js'
import { type BuiltInVault, type KeyDamage, KeyDamagedError, type KeyVault } from './key-vault.js'
import { KEYCHAIN_TIMEOUT_MS } from './keychain-vault.js'
import { customKey, type OpenedKey, readOnly, ready } from './opened-key.js'
import { withLock } from './store-lock.js'
import {
  type FileVaultFactory,
  fileVault,
  hasSealedFiles,
  type KeychainFactory,
  legacyKind,
  platformKeychain,
  vaultOf,
} from './vault-choice.js'

/**
 * Where a new store's key goes: `keychain` the OS keychain only, `file` a device secret file,
 * `auto` the keychain when it answers, else the file. An existing store keeps the place recorded
 * in its `key-storage.json`, whatever this says.
 */
export type KeyStorage = 'auto' | 'keychain' | 'file'

export { KEY_STORAGE_FILE, type KeyProblem } from './key-record.js'
export type { KeyStorageState, OpenedKey } from './opened-key.js'

/** Serializes key creation (and the choice of a vault) between processes. */
const KEY_LOCK = '.key.lock'

/**
 * Milliseconds to wait for another process holding the key lock. The work under it takes up to
 * three keychain tool runs (look up, store, read back), each killed after KEYCHAIN_TIMEOUT_MS.
 */
export const KEY_LOCK_WAIT_MS = 3 * KEYCHAIN_TIMEOUT_MS + 5_000

/** How the vaults are reached; tests inject fakes. */
export interface OpenKeyOptions {
  /** Default: this platform's keychain (platformKeychain). */
  keychain?: KeychainFactory
  /** Default: the device secret file in the store directory. */
  fileVault?: FileVaultFactory
  /**
   * Create a key even where an absent keychain entry may only be a locked collection (a Secret
   * Service store with sealed files): set by an explicit activate(), never at open. Default false.
   */
  createMissing?: boolean
}

/**
 * The store key, from the vault recorded in the store or, for a new store, the one `mode` picks.
 * Never throws for key trouble: damaged or lost key material is replaced and reported (the
 * store's files then read as corrupt, which the decision handles); a keychain or key file that
 * cannot be reached, or damage that cannot be replaced, gives a null key (read-only, nothing
 * replaced). An absent Secret Service entry of a store with sealed files is also read-only
 * (`missing`) unless `createMissing`: a locked collection answers exactly like an absent item.
 * `now` (epoch seconds) dates a replacement in the record.
 */
export async function openStoreKey(
  dir: string,
  product: string,
  mode: KeyStorage,
  custom: KeyVault | null,
  now: number,
  options: OpenKeyOptions = {},
): Promise<OpenedKey> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  if (custom) return customKey(custom, product)
  const keychain = options.keychain ?? platformKeychain
  const file = options.fileVault ?? fileVault
  const ctx: Context = { dir, product, mode, now, keychain, file, createMissing: !!options.createMissing }
  const record = await readRecord(dir)
  const kind = record?.kind ?? (await legacyKind(dir))
  const vault = kind === null ? null : vaultOf(kind, dir, keychain, file)
  if (vault) {
    const found = await attempt(vault, product, false)
    if (found.status === 'ok') {
      if (record === null) await writeRecord(dir, { kind: vault.kind, replaced: null })
      return ready(found.key, vault, null, record)
    }
    if (found.status === 'unavailable') return readOnly(vault, found.damage ?? 'unavailable', record)
  }
  return withLock(dir, KEY_LOCK, () => underLock(ctx), { timeoutMs: KEY_LOCK_WAIT_MS }).catch((err) => {
    if (!isClientError(err, 'STORE_BUSY')) throw err
    return readOnly(vault ?? file(dir), 'unavailable', record)
  })
}

interface Context {
  dir: string
  product: string
  mode: KeyStorage
  now: number
  keychain: KeychainFactory
  file: FileVaultFactory
  createMissing: boolean
}

/** Creation, holding the key lock: the recorded vault again (another process may have won), else a choice. */
async function underLock(ctx: Context): Promise<OpenedKey> {
  const { dir, product } = ctx
  // Sealed files exist before any key is made here: a key created now cannot open them. Looked at
  // only on this path, so an open that finds its key costs no directory listing.
  const hadFiles = await hasSealedFiles(dir)
  const record = await readRecord(dir)
  const kind = record?.kind ?? (await legacyKind(dir))
  const recorded = kind === null ? null : vaultOf(kind, dir, ctx.keychain, ctx.file)
  // a kind recorded by another platform's build (a copied store): its key cannot be had here
  const lost = kind !== null && recorded === null
  const candidates: BuiltInVault[] = []
  if (recorded) candidates.push(recorded)
  else {
    const keychain = ctx.mode === 'file' ? null : ctx.keychain(dir)
    if (keychain) candidates.push(keychain)
    if (ctx.mode !== 'keychain') candidates.push(ctx.file(dir))
  }
  let last: { vault: BuiltInVault; damage: KeyDamage | null } | null = null
  for (const vault of candidates) {
    // a locked Secret Service collection looks like an absent item: not a reason to make a key
    const mayBeLocked = vault === recorded && vault.kind === 'secret-service' && hadFiles
    const found = await attempt(vault, product, true, !mayBeLocked || ctx.createMissing)
    if (found.status === 'absent') return readOnly(vault, 'missing', record)
    if (found.status !== 'ok') {
      last = { vault, damage: found.status === 'unavailable' ? found.damage : null }
      continue
    }
    const problem: KeyProblem | null =
      found.damage ?? ((lost || found.created) && hadFiles ? 'missing' : null)
    const replaced = problem ? { problem, at: Math.floor(ctx.now) } : (record?.replaced ?? null)
    if (record === null || problem || record.kind !== vault.kind)
      await writeRecord(dir, { kind: vault.kind, replaced })
    return ready(found.key, vault, problem, { replaced })
  }
  const vault = last?.vault ?? ctx.keychain(dir) ?? ctx.file(dir)
  return readOnly(vault, last?.damage ?? 'unavailable', record)
}

type Attempt =
  | { status: 'ok'; key: Uint8Array; created: boolean; damage: KeyDamage | null }
  | { status: 'absent' }
  | { status: 'unavailable'; damage: KeyDamage | null }

/**
 * Loads the key; with `create` (key lock held) makes one when it is damaged or, unless
 * `createAbsent` is false, when there is none.
 * An unreachable keychain, or damage that cannot be replaced, is `unavailable`.
 */
async function attempt(
  vault: BuiltInVault,
  product: string,
  create: boolean,
  createAbsent = true,
): Promise<Attempt> {
  let damage: KeyDamage | null = null
  try {
    const key = await vault.load(product)
    if (key) return { status: 'ok', key, created: false, damage: null }
  } catch (err) {
    if (!(err instanceof KeyDamagedError)) return { status: 'unavailable', damage: null }
    damage = err.damage
  }
  if (!create || (damage === null && !createAbsent)) return { status: 'absent' }
  try {
    return { status: 'ok', key: await vault.create(product), created: true, damage }
  } catch {
    return { status: 'unavailable', damage }
  }
}
