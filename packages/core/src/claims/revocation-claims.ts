import type { RevocationKind } from './receipt-claims.js'
import type { ClaimsSchema } from './schema.js'

export interface RevocationEntry {
  /** What is revoked. */
  k: RevocationKind
  /** License id, device id (key thumbprint) or lease id. */
  id: string
  /** When, epoch seconds. */
  at: number
  /** Reason code chosen by the operator. */
  rsn?: string
}

/**
 * A signed revocation list for one product. `frm` 0 means a full list at version `seq`; otherwise
 * a delta that turns the list at version `frm` into the list at version `seq`.
 */
export interface RevocationListClaims {
  v: 1
  iss: string
  aud: string
  seq: number
  frm: number
  iat: number
  exp: number
  ent: RevocationEntry[]
}

/** Most entries one list or delta carries (MAX_TOKEN_LENGTH.revocations is sized for them). */
export const MAX_REVOCATION_ENTRIES = 10_000

export const REVOCATION_LIST_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  iss: { type: 'string' },
  aud: { type: 'string' },
  seq: { type: 'int' },
  frm: { type: 'int' },
  iat: { type: 'int' },
  exp: { type: 'int' },
  ent: {
    type: 'list',
    max: MAX_REVOCATION_ENTRIES,
    item: {
      k: { type: 'string', values: ['license', 'device', 'lease'] },
      id: { type: 'string' },
      at: { type: 'int' },
      rsn: { type: 'string', required: false, max: 64 },
    },
  },
}
