import type { OkpPublicJwk } from '../encoding/jwk.js'

/**
 * What a client trusts and has seen. `roots` are pinned in the app; the versions are high-water
 * marks persisted by the client so a key set or root can never be rolled back.
 */
export interface TrustState {
  /** Root public keys pinned in the app (version 1 of the rotation chain, or later pins). */
  readonly roots: readonly OkpPublicJwk[]
  /** Highest key set version accepted so far; 0 when none. */
  readonly keysetVersion: number
  /** Highest root version reached through the rotation chain; 0 when none. */
  readonly rootVersion: number
  /**
   * The root reached at `rootVersion`, once a rotation was accepted. The walk starts from it, so a
   * retired root (whose key may have leaked) can never fork the chain again.
   */
  readonly currentRoot?: OkpPublicJwk
}
