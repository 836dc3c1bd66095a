import type { Migrations } from './sealed-store.js'

/**
 * The store's migration hook. Format 1 is the first released format, so nothing is registered
 * yet. When format 2 comes, add `1: (v1Json) => v2Json` here and raise FORMAT_VERSION: a file
 * written by an older app is then read through every step and rewritten in the new format at its
 * next write; a file from a newer app than this one reads as corrupt (handled, never trusted).
 */
export const MIGRATIONS: Migrations = Object.freeze({})
