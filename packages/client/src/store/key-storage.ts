import { access, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DpapiVault } from './dpapi-vault.js'
import { type KeyProblem, type KeyRecord, readRecord, writeRecord } from './key-record.js'
import {
  type BuiltInVault,
  FileKeyVault,
  type KeyDamage,
  KeyDamagedError,
  type KeyVault,
  SECRET_FILE,
  type VaultKind,
} from './key-vault.js'
import { MacKeychainVault } from './macos-keychain-vault.js'
import { SecretServiceVault } from './secret-service-vault.js'
import { withLock } from './store-lock.js'

/**
 * Where a new store's key goes: `keychain` the OS keychain only, `file` a device secret file,
 * `auto` the keychain when it answers, else the file. An existing store keeps the place recorded
 * in its `key-storage.json`, whatever this says.
 */
export type KeyStorage = 'auto' | 'keychain' | 'file'

export { KEY_STORAGE_FILE, type KeyProblem } from './key-record.js'

/** Where a store's key is kept and what was found when it was opened. */
export interface KeyStorageState {
  kind: VaultKind | 'custom'
  /** Plain words for the privacy report. */
  description: string
  /** Trouble found at this open: a damaged or missing key was replaced, or none could be had. */
  problem: KeyProblem | null
  /** No key could be had (keychain unreachable, damage that cannot be replaced): nothing is saved. */
  readOnly: boolean
  /** The last time the key had to be replaced (recorded in the store), epoch seconds. */
  lastReplaced: { problem: KeyProblem; at: number } | null
}

const UNREACHABLE = ' — not reachable now, so nothing is saved this session'

/** Serializes key creation (and the choice of a vault) between processes. */
const KEY_LOCK = '.key.lock'
/** Must outlast a keychain tool's timeout held by another process. */
const KEY_LOCK_WAIT_MS = 25_000

/** The keychain of this platform for a store directory, or null where there is none. */
export type KeychainFactory = (dir: string) => BuiltInVault | null

export function platformKeychain(dir: string): BuiltInVault | null {
  if (process.platform === 'darwin') return new MacKeychainVault(dir)
  if (process.platform === 'win32') return new DpapiVault(dir)
  if (process.platform === 'android') return null
  return new SecretServiceVault(dir)
}

export interface OpenedKey {
  /** Null when no key could be had: the store opens read-only, its files reading as corrupt. */
  key: Uint8Array | null
  state: KeyStorageState
}

/**
 * The store key, from the vault recorded in the store or, for a new store, the one `mode` picks.
 * Never throws for key trouble: damaged or lost key material is replaced and reported (the
 * store's files then read as corrupt, which the decision handles); a keychain that cannot be
 * reached, or damage that cannot be replaced, gives a null key (read-only, nothing replaced).
 * `now` (epoch seconds) dates a replacement in the record.
 */
export async function openStoreKey(
  dir: string,
  product: string,
  mode: KeyStorage,
  custom: KeyVault | null,
  now: number,
  keychain: KeychainFactory = platformKeychain,
): Promise<OpenedKey> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  if (custom) return customKey(custom, product)
  const ctx: Context = { dir, product, mode, now, keychain, hadFiles: await hasSealedFiles(dir) }
  const record = await readRecord(dir)
  const kind = record?.kind ?? (await legacyKind(dir))
  const vault = kind === null ? null : vaultOf(kind, dir, keychain)
  if (vault) {
    const found = await attempt(vault, product, false)
    if (found.status === 'ok') {
      if (record === null) await writeRecord(dir, { kind: vault.kind, replaced: null })
      return ready(found.key, vault, null, record)
    }
    if (found.status === 'unavailable') return readOnly(vault, found.damage ?? 'unavailable', record)
  }
  return withLock(dir, KEY_LOCK, () => underLock(ctx), { timeoutMs: KEY_LOCK_WAIT_MS }).catch(() =>
    readOnly(vault ?? new FileKeyVault(dir), 'unavailable', record),
  )
}

interface Context {
  dir: string
  product: string
  mode: KeyStorage
  now: number
  keychain: KeychainFactory
  /** Sealed files existed before the key was looked at: a key created now cannot open them. */
  hadFiles: boolean
}

/** Creation, holding the key lock: the recorded vault again (another process may have won), else a choice. */
async function underLock(ctx: Context): Promise<OpenedKey> {
  const { dir, product } = ctx
  const record = await readRecord(dir)
  const kind = record?.kind ?? (await legacyKind(dir))
  const recorded = kind === null ? null : vaultOf(kind, dir, ctx.keychain)
  // a kind recorded by another platform's build (a copied store): its key cannot be had here
  const lost = kind !== null && recorded === null
  const candidates: BuiltInVault[] = []
  if (recorded) candidates.push(recorded)
  else {
    const keychain = ctx.mode === 'file' ? null : ctx.keychain(dir)
    if (keychain) candidates.push(keychain)
    if (ctx.mode !== 'keychain') candidates.push(new FileKeyVault(dir))
  }
  let last: { vault: BuiltInVault; damage: KeyDamage | null } | null = null
  for (const vault of candidates) {
    const found = await attempt(vault, product, true)
    if (found.status !== 'ok') {
      last = { vault, damage: found.status === 'unavailable' ? found.damage : null }
      continue
    }
    const problem: KeyProblem | null =
      found.damage ?? ((lost || found.created) && ctx.hadFiles ? 'missing' : null)
    const replaced = problem ? { problem, at: Math.floor(ctx.now) } : (record?.replaced ?? null)
    if (record === null || problem || record.kind !== vault.kind)
      await writeRecord(dir, { kind: vault.kind, replaced })
    return ready(found.key, vault, problem, { replaced })
  }
  const vault = last?.vault ?? ctx.keychain(dir) ?? new FileKeyVault(dir)
  return readOnly(vault, last?.damage ?? 'unavailable', record)
}

type Attempt =
  | { status: 'ok'; key: Uint8Array; created: boolean; damage: KeyDamage | null }
  | { status: 'absent' }
  | { status: 'unavailable'; damage: KeyDamage | null }

/**
 * Loads the key; with `create` (key lock held) makes one when there is none or it is damaged.
 * An unreachable keychain, or damage that cannot be replaced, is `unavailable`.
 */
async function attempt(vault: BuiltInVault, product: string, create: boolean): Promise<Attempt> {
  let damage: KeyDamage | null = null
  try {
    const key = await vault.load(product)
    if (key) return { status: 'ok', key, created: false, damage: null }
  } catch (err) {
    if (!(err instanceof KeyDamagedError)) return { status: 'unavailable', damage: null }
    damage = err.damage
  }
  if (!create) return { status: 'absent' }
  try {
    return { status: 'ok', key: await vault.create(product), created: true, damage }
  } catch {
    return { status: 'unavailable', damage }
  }
}

function ready(
  key: Uint8Array,
  vault: BuiltInVault,
  problem: KeyProblem | null,
  record: Pick<KeyRecord, 'replaced'> | null,
): OpenedKey {
  const state = { kind: vault.kind, description: vault.description, readOnly: false }
  return { key, state: { ...state, problem, lastReplaced: record?.replaced ?? null } }
}

function readOnly(
  vault: KeyVault & { kind?: VaultKind },
  problem: KeyProblem,
  record: KeyRecord | null,
): OpenedKey {
  const kind = record?.kind ?? vault.kind ?? 'file'
  const description = `${vault.description}${UNREACHABLE}`
  return {
    key: null,
    state: { kind, description, problem, readOnly: true, lastReplaced: record?.replaced ?? null },
  }
}

async function customKey(vault: KeyVault, product: string): Promise<OpenedKey> {
  const state = { kind: 'custom' as const, description: vault.description, lastReplaced: null }
  try {
    const key = await vault.storeKey(product)
    if (key.length === 32) return { key, state: { ...state, problem: null, readOnly: false } }
  } catch {
    // reported below
  }
  const description = `${vault.description}${UNREACHABLE}`
  return { key: null, state: { ...state, description, problem: 'unavailable', readOnly: true } }
}

function vaultOf(kind: VaultKind, dir: string, keychain: KeychainFactory): BuiltInVault | null {
  if (kind === 'file') return new FileKeyVault(dir)
  const vault = keychain(dir)
  return vault?.kind === kind ? vault : null
}

/** A store from before the record existed used the device secret file. */
async function legacyKind(dir: string): Promise<VaultKind | null> {
  return access(join(dir, SECRET_FILE)).then(
    () => 'file',
    (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : 'file'),
  )
}

async function hasSealedFiles(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => [] as string[])
  return names.some((name) => name.endsWith('.tsr'))
}
