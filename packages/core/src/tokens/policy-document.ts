import type { PolicyClaims, PolicyParams } from '../claims/policy-claims.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { TesseraError } from '../errors.js'
import type { VerifiedKeyset } from '../keyset/verify-keyset.js'
import { verifyServerToken } from '../keyset/verify-server-token.js'

/** Verifies a signed policy version and the coherence of its parameters. */
export function verifyPolicyDocument(
  token: unknown,
  keyset: VerifiedKeyset,
  crypto: CryptoProvider,
): PolicyClaims {
  const claims = verifyServerToken<PolicyClaims>('policy', token, keyset, crypto)
  assertPolicyParams(claims.prm)
  return claims
}

/** Rules every policy version obeys: renewal starts inside the offline window. */
export function assertPolicyParams(params: PolicyParams): void {
  if (params.renewAfter >= params.offlineWindow) {
    throw new TesseraError('CLAIMS_INVALID', 'renewAfter must be below offlineWindow')
  }
}
