import { PROOF_SCHEMA, type ProofClaims } from '../claims/device-claims.js'
import { validateSchema } from '../claims/schema.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { jwkThumbprint, type PublicJwk, publicKeyBytes } from '../encoding/jwk.js'
import { TesseraError } from '../errors.js'
import { decodeJws } from '../jws/decode.js'
import { verifyJwsSignature } from '../jws/verify-signature.js'

export interface ProofCheck {
  method: string
  path: string
  /** SHA-256 of the request body, base64url. */
  bodyHash: string
  /** Epoch seconds. */
  now: number
  /** Seconds a proof stays acceptable either side of `now`; default 300. */
  maxSkew?: number
  /** The server nonce the proof must carry, when one was issued. */
  nonce?: string
}

/**
 * Verifies a device proof of possession against the device's registered key. The caller must also
 * remember `jti` until `iat + maxSkew` to refuse replays (that needs storage, so it is not here).
 */
export function verifyDeviceProof(
  token: unknown,
  deviceKey: PublicJwk,
  check: ProofCheck,
  crypto: CryptoProvider,
): ProofClaims {
  const jws = decodeJws(token, 'proof')
  if (jws.kid !== jwkThumbprint(deviceKey, crypto))
    throw new TesseraError('KEY_UNKNOWN', 'proof kid is not this device')
  verifyJwsSignature(jws, publicKeyBytes(deviceKey), deviceKey.kty === 'OKP' ? 'EdDSA' : 'ES256', crypto)
  const claims = validateSchema(jws.payload, PROOF_SCHEMA) as unknown as ProofClaims
  if (claims.htm !== check.method || claims.htu !== check.path || claims.bdh !== check.bodyHash) {
    throw new TesseraError('WRONG_AUDIENCE', 'proof is for another request')
  }
  if (check.nonce !== undefined && claims.non !== check.nonce) {
    throw new TesseraError('WRONG_AUDIENCE', 'proof does not carry the server nonce')
  }
  const skew = check.maxSkew ?? 300
  if (claims.iat > check.now + skew) throw new TesseraError('NOT_YET_VALID', 'proof issued in the future')
  if (claims.iat < check.now - skew) throw new TesseraError('EXPIRED', 'proof too old')
  return claims
}
