import type { KeyPurpose, KeysetEntry } from '@tessera/core';
/** Most keys a key set may list (core KEYSET_SCHEMA). */
export declare const MAX_KEYSET_KEYS = 16;
/**
 * Seconds a retired key stays listed after it stopped signing: long enough for every lease it
 * signed to end (offline window + grace), so those tokens keep verifying.
 */
export declare const RETIRED_KEY_RETENTION: number;
export declare const ALL_PURPOSES: readonly KeyPurpose[];
/**
 * The entries of the key set that follows a rotation: every current key stays listed (tokens it
 * signed keep verifying) but its window ends at `now` (it signs no more), then the new key. Keys
 * retired longer than RETIRED_KEY_RETENTION ago are dropped, then the oldest, to fit the limit.
 */
export declare function rotatedEntries(current: readonly KeysetEntry[], next: KeysetEntry, now: number): KeysetEntry[];
/** Purposes no key may serve at `now` (the server could not sign those tokens with this key set). */
export declare function uncoveredPurposes(entries: readonly KeysetEntry[], signable: (kid: string) => boolean, now: number): KeyPurpose[];
//# sourceMappingURL=keyset-rotation.d.ts.map