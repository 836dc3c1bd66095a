import type { AccessClaims } from '../claims/access-claims.js'
import type { LeaseClaims } from '../claims/lease-claims.js'
import type { StatusClaims } from '../claims/receipt-claims.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { TesseraError } from '../errors.js'
import type { TrustState } from '../keyset/trust-state.js'
import { type VerifiedKeyset, verifyKeyset } from '../keyset/verify-keyset.js'
import { verifyServerToken } from '../keyset/verify-server-token.js'
import { verifyLease } from '../tokens/lease.js'
import { verifyStatusReceipt } from '../tokens/receipts.js'
import type { RecordedBundle } from './bundle.js'

/**
 * A bundle whose every signature verified and whose parts agree with each other. Time-dependent
 * rules are left to the decision, so a verified bundle can be reused at any later time.
 */
export interface VerifiedBundle {
  readonly verified: true
  readonly source: RecordedBundle
  readonly keyset: VerifiedKeyset
  readonly lease: LeaseClaims
  /** Absent when the bundle was recorded without its access token. */
  readonly access?: AccessClaims
  readonly status: StatusClaims
}

/** Verifies the key set chain and every token of a bundle (signatures, keys, schemas, coherence). */
export function verifyBundle(
  bundle: RecordedBundle,
  trust: TrustState,
  crypto: CryptoProvider,
): VerifiedBundle {
  return verifyBundleTokens(bundle, verifyKeyset(bundle.chain, bundle.keyset, trust, crypto), crypto)
}

/** The second half of verifyBundle: every token against an already verified key set. */
export function verifyBundleTokens(
  bundle: RecordedBundle,
  keyset: VerifiedKeyset,
  crypto: CryptoProvider,
): VerifiedBundle {
  const lease = verifyLease(bundle.lease, keyset, crypto)
  const access =
    bundle.access === undefined
      ? undefined
      : verifyServerToken<AccessClaims>('access', bundle.access, keyset, crypto)
  const status = verifyStatusReceipt(bundle.status, keyset, lease.aud, crypto)
  // The lease's issuer is the key set that vouches for its key: the others must name that issuer.
  const issuer = keyset.claims.iss
  const accessCoherent =
    !access ||
    (access.sub === lease.sub &&
      access.pid === lease.aud &&
      access.cnf.jkt === lease.cnf.jkt &&
      access.iss === issuer)
  const coherent =
    accessCoherent &&
    status.sub === lease.sub &&
    status.aud === lease.aud &&
    status.dev === lease.cnf.jkt &&
    status.iss === issuer
  if (!coherent)
    throw new TesseraError('BUNDLE_INVALID', 'bundle parts are about different licenses or devices')
  const verified: VerifiedBundle = Object.freeze({
    verified: true,
    source: bundle,
    keyset,
    lease,
    access,
    status,
  })
  VERIFIED.add(verified)
  return verified
}

/** Bundles this module verified: a look-alike object with `verified: true` is not trusted. */
const VERIFIED = new WeakSet<object>()

export function isVerifiedBundle(value: object): value is VerifiedBundle {
  return VERIFIED.has(value)
}
