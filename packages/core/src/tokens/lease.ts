import { type LeaseClaims, leaseNotBefore } from '../claims/lease-claims.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { unpackComponents } from '../device/fingerprint.js'
import { TesseraError } from '../errors.js'
import type { VerifiedKeyset } from '../keyset/verify-keyset.js'
import { verifyServerToken } from '../keyset/verify-server-token.js'

/**
 * Verifies a lease's signature, key and schema, plus the coherence of its timeline and fingerprint.
 * A lease names no issuer: its issuer is the key set whose `lease` key signed it (checked by
 * verifyServerToken: the kid must be in this key set, allowed to sign leases).
 */
export function verifyLease(token: unknown, keyset: VerifiedKeyset, crypto: CryptoProvider): LeaseClaims {
  const claims = verifyServerToken<LeaseClaims>('lease', token, keyset, crypto)
  const nbf = leaseNotBefore(claims)
  const ordered = claims.iat <= nbf + 300 && nbf <= claims.ren && claims.ren <= claims.exp
  if (!ordered || claims.exp > claims.grc) {
    throw new TesseraError('CLAIMS_INVALID', 'lease timeline is incoherent')
  }
  const n = unpackComponents(claims.hwf.c).length
  if (claims.hwf.k < 1 || claims.hwf.k > n) {
    throw new TesseraError('CLAIMS_INVALID', 'lease fingerprint rule is incoherent')
  }
  return claims
}

/**
 * Whether a verified lease may be used by `product` at `now`: refuses another product's lease
 * and one not valid yet; a lease is usable until the end of its grace period (`grc`).
 */
export function assertLeaseUsable(
  claims: LeaseClaims,
  product: string,
  now: number,
  tolerance: number,
): void {
  if (claims.aud !== product) throw new TesseraError('WRONG_PRODUCT', 'lease is for another product')
  if (now + tolerance < leaseNotBefore(claims)) throw new TesseraError('NOT_YET_VALID', 'lease not valid yet')
  if (now >= claims.grc) throw new TesseraError('EXPIRED', 'lease and its grace period have ended')
}
