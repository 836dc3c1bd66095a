/**
 * Documented exit codes of `tessera`. Scripts branch on these.
 * 0 ok · 1 error · 2 usage · 3 the license does not allow full use (limited, expired, revoked,
 * invalid) · 4 no license store (not activated).
 */
export const EXIT = Object.freeze({ OK: 0, ERROR: 1, USAGE: 2, NOT_ALLOWED: 3, NO_STORE: 4 })
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]
