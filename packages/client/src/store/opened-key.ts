import type { KeyProblem, KeyRecord } from './key-record.js'
import type { BuiltInVault, KeyVault, VaultKind } from './key-vault.js'

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

export interface OpenedKey {
  /** Null when no key could be had: the store opens read-only, its files reading as corrupt. */
  key: Uint8Array | null
  state: KeyStorageState
}

export function ready(
  key: Uint8Array,
  vault: BuiltInVault,
  problem: KeyProblem | null,
  record: Pick<KeyRecord, 'replaced'> | null,
): OpenedKey {
  const state = { kind: vault.kind, description: vault.description, readOnly: false }
  return { key, state: { ...state, problem, lastReplaced: record?.replaced ?? null } }
}

export function readOnly(
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

export async function customKey(vault: KeyVault, product: string): Promise<OpenedKey> {
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
