import { KEY_LIFETIME } from './keyset-document.js';
/** Most keys a key set may list (core KEYSET_SCHEMA). */
export const MAX_KEYSET_KEYS = 16;
/**
 * Seconds a retired key stays listed after it stopped signing: long enough for every lease it
 * signed to end (offline window + grace), so those tokens keep verifying.
 */
export const RETIRED_KEY_RETENTION = KEY_LIFETIME;
export const ALL_PURPOSES = ['lease', 'status', 'time'];
/**
 * The entries of the key set that follows a rotation: every current key stays listed (tokens it
 * signed keep verifying) but its window ends at `now` (it signs no more), then the new key. Keys
 * retired longer than RETIRED_KEY_RETENTION ago are dropped, then the oldest, to fit the limit.
 */
export function rotatedEntries(current, next, now) {
    const kept = current
        .filter((e) => e.kid !== next.kid && e.exp >= now - RETIRED_KEY_RETENTION)
        .map((e) => ({ ...e, exp: Math.max(e.nbf, Math.min(e.exp, now)) }))
        .sort((a, b) => b.exp - a.exp || b.nbf - a.nbf)
        .slice(0, MAX_KEYSET_KEYS - 1);
    return [...kept, next];
}
/** Purposes no key may serve at `now` (the server could not sign those tokens with this key set). */
export function uncoveredPurposes(entries, signable, now) {
    return ALL_PURPOSES.filter((purpose) => !entries.some((e) => e.use.includes(purpose) && e.nbf <= now && now <= e.exp && signable(e.kid)));
}
//# sourceMappingURL=keyset-rotation.js.map