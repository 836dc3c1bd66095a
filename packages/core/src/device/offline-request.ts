import { OFFLINE_REQUEST_SCHEMA, type OfflineRequestClaims } from '../claims/device-claims.js'
import { validateSchema } from '../claims/schema.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { jwkThumbprint, type PublicJwk, parsePublicJwk, publicKeyBytes } from '../encoding/jwk.js'
import { TesseraError } from '../errors.js'
import { decodeJws } from '../jws/decode.js'
import { verifyJwsSignature } from '../jws/verify-signature.js'
import { assertComponents } from './fingerprint.js'

export interface VerifiedOfflineRequest {
  readonly claims: OfflineRequestClaims
  readonly deviceKey: PublicJwk
  /** RFC 7638 thumbprint of the device key: the device id. */
  readonly deviceId: string
}

/**
 * Verifies an air-gapped request: it carries 1..16 fingerprint component hashes, it is signed by
 * the device key it carries (proof of possession), and its kid is that key's thumbprint.
 */
export function verifyOfflineRequest(token: unknown, crypto: CryptoProvider): VerifiedOfflineRequest {
  const jws = decodeJws(token, 'offlineRequest')
  const claims = validateSchema(jws.payload, OFFLINE_REQUEST_SCHEMA) as unknown as OfflineRequestClaims
  assertComponents(claims.hwf)
  const deviceKey = parsePublicJwk(claims.jwk)
  const deviceId = jwkThumbprint(deviceKey, crypto)
  if (jws.kid !== deviceId)
    throw new TesseraError('KEY_UNKNOWN', 'request kid is not the thumbprint of its key')
  verifyJwsSignature(jws, publicKeyBytes(deviceKey), deviceKey.kty === 'OKP' ? 'EdDSA' : 'ES256', crypto)
  return { claims, deviceKey, deviceId }
}
