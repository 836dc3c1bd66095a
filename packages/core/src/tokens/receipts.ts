import type { DeactivationClaims, StatusClaims, TimeClaims } from '../claims/receipt-claims.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { TesseraError } from '../errors.js'
import type { VerifiedKeyset } from '../keyset/verify-keyset.js'
import { verifyServerToken } from '../keyset/verify-server-token.js'

/** Verifies a status receipt and that it is about this product (its time is the server's). */
export function verifyStatusReceipt(
  token: unknown,
  keyset: VerifiedKeyset,
  product: string,
  crypto: CryptoProvider,
): StatusClaims {
  const claims = verifyServerToken<StatusClaims>('status', token, keyset, crypto)
  if (claims.aud !== product) throw new TesseraError('WRONG_PRODUCT', 'status receipt is for another product')
  if ((claims.sts === 'revoked') !== (claims.rvk !== undefined)) {
    throw new TesseraError('CLAIMS_INVALID', 'rvk must be present exactly when sts is revoked')
  }
  return claims
}

/** Verifies a signed server time receipt. */
export function verifyTimeReceipt(
  token: unknown,
  keyset: VerifiedKeyset,
  crypto: CryptoProvider,
): TimeClaims {
  return verifyServerToken<TimeClaims>('time', token, keyset, crypto)
}

/** Verifies a deactivation receipt for the given device. */
export function verifyDeactivationReceipt(
  token: unknown,
  keyset: VerifiedKeyset,
  deviceId: string,
  crypto: CryptoProvider,
): DeactivationClaims {
  const claims = verifyServerToken<DeactivationClaims>('deactivation', token, keyset, crypto)
  if (claims.dev !== deviceId) throw new TesseraError('WRONG_AUDIENCE', 'receipt is for another device')
  return claims
}
