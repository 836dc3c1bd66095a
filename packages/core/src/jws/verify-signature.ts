import { hasCanonicalS } from '../crypto/ed25519-canonical.js'
import { hasLowS } from '../crypto/p256-low-s.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { asciiBytes } from '../encoding/utf8.js'
import { TesseraError } from '../errors.js'
import type { DecodedJws } from './decode.js'

/**
 * Verifies the signature of a decoded JWS with the given raw public key. The key's algorithm
 * comes from our key material, never from the token: the header `alg` must merely agree.
 */
export function verifyJwsSignature(
  jws: Pick<DecodedJws, 'alg' | 'signingInput' | 'signature'>,
  publicKey: Uint8Array,
  keyAlg: 'EdDSA' | 'ES256',
  crypto: CryptoProvider,
): void {
  if (jws.alg !== keyAlg)
    throw new TesseraError('ALG_NOT_ALLOWED', `token alg does not match the key (${keyAlg})`)
  if (jws.signature.length !== 64) throw new TesseraError('SIGNATURE_INVALID', 'signature must be 64 bytes')
  const input = asciiBytes(jws.signingInput)
  if (keyAlg === 'EdDSA') {
    if (!hasCanonicalS(jws.signature))
      throw new TesseraError('SIGNATURE_NON_CANONICAL', 'Ed25519 S is not below L')
    if (!crypto.verifyEd25519(publicKey, input, jws.signature)) throw invalid()
  } else {
    if (!hasLowS(jws.signature)) throw new TesseraError('SIGNATURE_NON_CANONICAL', 'ES256 s is above n/2')
    if (!crypto.verifyP256(publicKey, input, jws.signature)) throw invalid()
  }
}

function invalid(): TesseraError {
  return new TesseraError('SIGNATURE_INVALID', 'signature does not verify')
}
