import { validateSchema } from '../claims/schema.js'
import { CLAIMS_SCHEMAS } from '../claims/schemas.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { TesseraError } from '../errors.js'
import { decodeJws } from '../jws/decode.js'
import { REQUIRED_PURPOSE, type TokenKind } from '../jws/token-types.js'
import { verifyJwsSignature } from '../jws/verify-signature.js'
import type { VerifiedKeyset } from './verify-keyset.js'

/**
 * Verifies a token signed by an online key: structure and header (no crypto), key known and
 * allowed for this kind, signature, claims schema, and that the key was valid when the token was
 * issued (iat within the key's window). Returns the claims, typed by the caller.
 */
export function verifyServerToken<T>(
  kind: TokenKind,
  token: unknown,
  keyset: VerifiedKeyset,
  crypto: CryptoProvider,
): T {
  const jws = decodeJws(token, kind)
  const key = keyset.keys.get(jws.kid)
  if (!key) throw new TesseraError('KEY_UNKNOWN', 'kid not in the key set')
  const purpose = REQUIRED_PURPOSE[kind]
  if (!purpose || !key.entry.use.includes(purpose)) {
    throw new TesseraError('KEY_WRONG_PURPOSE', `key is not allowed to sign ${kind}`)
  }
  verifyJwsSignature(jws, key.publicKey, 'EdDSA', crypto)
  const claims = validateSchema(jws.payload, CLAIMS_SCHEMAS[kind])
  const iat = claims.iat as number
  if (iat < key.entry.nbf || iat > key.entry.exp) {
    throw new TesseraError('KEY_OUTSIDE_WINDOW', 'token issued outside the validity window of its key')
  }
  return claims as unknown as T
}
