import type { KeyPurpose, KeysetEntry } from '@tessera/core'
import { KEY_LIFETIME } from './keyset-document.js'

/** Most keys a key set may list (core KEYSET_SCHEMA). */
export const MAX_KEYSET_KEYS = 16
/**
 * Seconds a retired key stays listed after it stopped signing: long enough for every lease it
 * signed to end (offline window + grace), so those tokens keep verifying.
 */
export const RETIRED_KEY_RETENTION = KEY_LIFETIME

/**
 * Seconds a key retired by a rotation may still sign: replicas adopt a new key set within their
 * refresh interval (default 60 s), and until then they sign with the key they know. Clients that
 * already hold the new key set accept those tokens because the retired key's window ends this
 * much after the rotation, not at it. Also keeps a key rotated twice within a second from having a
 * window of one second. Tokens a retired key signed keep verifying for RETIRED_KEY_RETENTION.
 */
export const ROTATION_OVERLAP = 300

/**
 * Seconds a key retired by an imported key set must still be allowed to sign after the import: two
 * replica refresh intervals (default 60 s), so every replica adopts the new key set before the key
 * it signs with closes. A key set prepared with ROTATION_OVERLAP thus survives a signing ceremony of
 * up to 3 minutes; a longer one needs `keys next-keyset --overlap`.
 */
export const MIN_IMPORT_OVERLAP = 120

export const ALL_PURPOSES: readonly KeyPurpose[] = ['lease', 'status', 'time']

/**
 * The entries of the key set that follows a rotation: every current key stays listed (tokens it
 * signed keep verifying) but its window ends ROTATION_OVERLAP seconds after `now` (the new key is
 * preferred at once; the old one signs only on replicas that have not adopted the new key set),
 * then the new key. Keys retired longer than RETIRED_KEY_RETENTION ago are dropped, then the
 * oldest, to fit the limit. `overlap` (seconds, default ROTATION_OVERLAP) is longer for a key set
 * prepared now and imported after an offline signing ceremony.
 */
export function rotatedEntries(
  current: readonly KeysetEntry[],
  next: KeysetEntry,
  now: number,
  overlap: number = ROTATION_OVERLAP,
): KeysetEntry[] {
  const kept = current
    .filter((e) => e.kid !== next.kid && e.exp >= now - RETIRED_KEY_RETENTION)
    .map((e) => ({ ...e, exp: Math.max(e.nbf, Math.min(e.exp, now + overlap)) }))
    .sort((a, b) => b.exp - a.exp || b.nbf - a.nbf)
    .slice(0, MAX_KEYSET_KEYS - 1)
  return [...kept, next]
}

/** Purposes no key may serve at `now` (the server could not sign those tokens with this key set). */
export function uncoveredPurposes(
  entries: readonly KeysetEntry[],
  signable: (kid: string) => boolean,
  now: number,
) {
  return ALL_PURPOSES.filter(
    (purpose) =>
      !entries.some((e) => e.use.includes(purpose) && e.nbf <= now && now <= e.exp && signable(e.kid)),
  )
}
