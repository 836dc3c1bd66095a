import type { RevocationEntry, RevocationListClaims } from '../claims/revocation-claims.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { TesseraError } from '../errors.js'
import type { VerifiedKeyset } from '../keyset/verify-keyset.js'
import { verifyServerToken } from '../keyset/verify-server-token.js'

/** A product's revocation list as held by a relay or client, at version `seq`. */
export interface RevocationState {
  readonly product: string
  readonly seq: number
  readonly entries: readonly RevocationEntry[]
}

/**
 * Applies a signed full list (`frm` 0) or delta to `state`. Refuses a list older than the state
 * (REVOCATION_ROLLBACK) and a delta that does not start exactly at the state's version
 * (REVOCATION_DELTA_GAP): a missed delta must never go unnoticed.
 */
export function applyRevocationList(
  state: RevocationState | null,
  token: unknown,
  keyset: VerifiedKeyset,
  product: string,
  crypto: CryptoProvider,
): RevocationState {
  const claims = verifyServerToken<RevocationListClaims>('revocations', token, keyset, crypto)
  if (claims.aud !== product)
    throw new TesseraError('WRONG_PRODUCT', 'revocation list is for another product')
  if (claims.frm !== 0 && claims.seq <= claims.frm)
    throw new TesseraError('CLAIMS_INVALID', 'delta must raise seq')
  const current = state?.seq ?? 0
  if (claims.seq < current)
    throw new TesseraError('REVOCATION_ROLLBACK', `list ${claims.seq} is older than ${current}`)
  if (claims.frm === 0) return { product, seq: claims.seq, entries: dedupe(claims.ent) }
  if (claims.seq <= current) {
    throw new TesseraError('REVOCATION_ROLLBACK', `delta to version ${claims.seq} was already applied`)
  }
  if (claims.frm !== current || !state) {
    throw new TesseraError(
      'REVOCATION_DELTA_GAP',
      `delta from ${claims.frm} does not apply to version ${current}`,
    )
  }
  return { product, seq: claims.seq, entries: dedupe([...state.entries, ...claims.ent]) }
}

/** The entry revoking this license, device or lease, if any. */
export function findRevocation(
  state: RevocationState | null,
  ids: { license: string; device: string; lease: string },
): RevocationEntry | null {
  if (!state) return null
  for (const e of state.entries) {
    if ((e.k === 'license' && e.id === ids.license) || (e.k === 'device' && e.id === ids.device)) return e
    if (e.k === 'lease' && e.id === ids.lease) return e
  }
  return null
}

function dedupe(entries: readonly RevocationEntry[]): RevocationEntry[] {
  const seen = new Map<string, RevocationEntry>()
  for (const e of entries) if (!seen.has(`${e.k}:${e.id}`)) seen.set(`${e.k}:${e.id}`, e)
  return [...seen.values()]
}
