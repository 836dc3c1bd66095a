import { type Bundle, parseBundle } from '../bundle/bundle.js'
import type { OfflineResponseClaims } from '../claims/device-claims.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { TesseraError } from '../errors.js'
import { decodeJws } from '../jws/decode.js'
import type { TrustState } from '../keyset/trust-state.js'
import { verifyKeyset } from '../keyset/verify-keyset.js'
import { verifyServerToken } from '../keyset/verify-server-token.js'

/**
 * Verifies the operator's answer to an air-gapped request. A machine being activated offline has
 * no key set yet: the one inside the response is first verified against the pinned roots, then
 * used to verify the response itself (signed by a status key), which must be addressed to this
 * device and answer this request. The returned bundle is then verified like any other.
 */
export function verifyOfflineResponse(
  token: unknown,
  trust: TrustState,
  expected: { deviceId: string; requestId: string },
  crypto: CryptoProvider,
): { claims: OfflineResponseClaims; bundle: Bundle } {
  const unverified = decodeJws(token, 'offlineResponse')
  const bundle = parseBundle(unverified.payload.bnd)
  const keyset = verifyKeyset(bundle.chain, bundle.keyset, trust, crypto)
  const claims = verifyServerToken<OfflineResponseClaims>('offlineResponse', token, keyset, crypto)
  if (claims.aud !== expected.deviceId)
    throw new TesseraError('WRONG_AUDIENCE', 'response is for another device')
  if (claims.req !== expected.requestId)
    throw new TesseraError('WRONG_AUDIENCE', 'response answers another request')
  return { claims, bundle }
}
