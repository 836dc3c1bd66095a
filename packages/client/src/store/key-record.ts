import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from './atomic-write.js'
import type { KeyDamage, VaultKind } from './key-vault.js'

/** What was wrong with the key at open: gone, not a key, not readable, or not reachable now. */
export type KeyProblem = 'missing' | KeyDamage | 'unavailable'

/** The record of which vault holds a store's key: not secret, written once the key exists. */
export const KEY_STORAGE_FILE = 'key-storage.json'

/**
 * `key-storage.json`: which vault holds the store's key, and the last time the key had to be
 * replaced. Plain JSON: nothing in it is secret, and it must be readable before any key is.
 */
export interface KeyRecord {
  format: 'tessera-key-storage/1'
  kind: VaultKind
  replaced: { problem: KeyProblem; at: number } | null
}

const KINDS: readonly VaultKind[] = ['file', 'secret-service', 'macos-keychain', 'dpapi']
const PROBLEMS: readonly KeyProblem[] = ['missing', 'corrupt', 'unreadable', 'unavailable']

/** The record, or null when absent or unreadable (the kind is then inferred again). */
export async function readRecord(dir: string): Promise<KeyRecord | null> {
  try {
    const value = JSON.parse(await readFile(join(dir, KEY_STORAGE_FILE), 'utf8')) as Partial<KeyRecord>
    if (value.format !== 'tessera-key-storage/1' || !KINDS.includes(value.kind as VaultKind)) return null
    const r = value.replaced
    const replaced =
      r && PROBLEMS.includes(r.problem) && Number.isSafeInteger(r.at)
        ? { problem: r.problem, at: r.at }
        : null
    return { format: value.format, kind: value.kind as VaultKind, replaced }
  } catch {
    return null
  }
}

export async function writeRecord(dir: string, record: Omit<KeyRecord, 'format'>): Promise<void> {
  const text = `${JSON.stringify({ format: 'tessera-key-storage/1', ...record })}\n`
  await writeFileAtomic(join(dir, KEY_STORAGE_FILE), Buffer.from(text, 'utf8')).catch(() => {})
}
