import type { AccessClaims } from '../claims/access-claims.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { TesseraError } from '../errors.js'
import type { VerifiedKeyset } from '../keyset/verify-keyset.js'
import { verifyServerToken } from '../keyset/verify-server-token.js'
import { assertWithin } from './time-window.js'

export interface AccessTokenCheck {
  /** Expected audience (the service's identifier). */
  audience: string
  /** Epoch seconds. */
  now: number
  /** Thumbprint of the device key that presented the token, when known (sender-constraint). */
  deviceId?: string
  /** Seconds; default 120. */
  tolerance?: number
}

/** Verifies an access token for a service: signature, audience, lifetime and device binding. */
export function verifyAccessToken(
  token: unknown,
  keyset: VerifiedKeyset,
  check: AccessTokenCheck,
  crypto: CryptoProvider,
): AccessClaims {
  const claims = verifyServerToken<AccessClaims>('access', token, keyset, crypto)
  if (claims.aud !== check.audience)
    throw new TesseraError('WRONG_AUDIENCE', 'access token is for another audience')
  assertWithin(check.now, claims.iat, claims.exp, check.tolerance ?? 120)
  if (check.deviceId !== undefined && check.deviceId !== claims.cnf.jkt) {
    throw new TesseraError('WRONG_AUDIENCE', 'access token is bound to another device')
  }
  return claims
}
