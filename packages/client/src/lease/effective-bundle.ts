import {
  type Bundle,
  type TrustState,
  type VerifiedBundle,
  verifyBundle,
  verifyBundleTokens,
  verifyStatusReceipt,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'

/** What check() hands to evaluate, prepared once per stored bundle, status receipt and trust state. */
export interface EffectiveBundle {
  /** Verified when every signature checked out; the raw bundle otherwise (evaluate then reports why). */
  readonly bundle: Bundle | VerifiedBundle | null
  /** A status receipt evaluate must still verify itself; null when it was folded into `bundle`. */
  readonly status: string | null
  /** The stored bundle as verified, for its key set and lease claims; null when it did not verify. */
  readonly verified: VerifiedBundle | null
}

/**
 * Verifies the stored bundle once, so a warm check() costs no signature verification. A newer
 * status receipt stored beside the bundle (a revocation learned at a failed renewal, a check-in)
 * is verified once too and folded into the bundle in place of the bundle's own receipt. This gives
 * the decision evaluate would reach with the receipt passed separately — it takes the newer of
 * the two receipts — because the receipt is only kept when it verifies, is about the same license
 * and device, and is newer. Anything that does not fold cleanly is passed to evaluate as is.
 */
export function effectiveBundle(
  bundle: Bundle | null,
  status: string | null,
  trust: TrustState,
  who: { product: string; deviceId: string },
): EffectiveBundle {
  if (bundle === null) return { bundle: null, status: null, verified: null }
  let verified: VerifiedBundle
  try {
    verified = verifyBundle(bundle, trust, nodeCrypto)
  } catch {
    return { bundle, status, verified: null }
  }
  if (status === null) return { bundle: verified, status: null, verified }
  try {
    const extra = verifyStatusReceipt(status, verified.keyset, who.product, nodeCrypto)
    if (extra.sub !== verified.lease.sub || extra.dev !== who.deviceId) throw new Error('not this license')
    if (extra.iat < verified.status.iat) return { bundle: verified, status: null, verified }
    const folded = verifyBundleTokens({ ...bundle, status }, verified.keyset, nodeCrypto)
    return { bundle: folded, status: null, verified }
  } catch {
    return { bundle: verified, status, verified }
  }
}
