import type { CryptoProvider } from '../crypto/provider.js'
import { TesseraError } from '../errors.js'
import { decodeBase64url, encodeBase64url } from './base64url.js'
import { utf8Encode } from './utf8.js'

/** An Ed25519 public key as a JWK (RFC 8037). */
export interface OkpPublicJwk {
  kty: 'OKP'
  crv: 'Ed25519'
  x: string
}

/** A P-256 public key as a JWK (RFC 7518), used by TPM-held device keys. */
export interface EcPublicJwk {
  kty: 'EC'
  crv: 'P-256'
  x: string
  y: string
}

export type PublicJwk = OkpPublicJwk | EcPublicJwk

/** Validates an untrusted value as one of our public JWK shapes; private members are refused. */
export function parsePublicJwk(value: unknown): PublicJwk {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad('not an object')
  const jwk = value as Record<string, unknown>
  if ('d' in jwk) throw bad('private key material in a public JWK')
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') {
    if (decodeBase64url(jwk.x).length !== 32) throw bad('Ed25519 x must be 32 bytes')
    return { kty: 'OKP', crv: 'Ed25519', x: jwk.x }
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string') {
    if (decodeBase64url(jwk.x).length !== 32 || decodeBase64url(jwk.y).length !== 32) {
      throw bad('P-256 coordinates must be 32 bytes')
    }
    return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }
  }
  throw bad('unsupported key type')
}

/** Raw public key bytes: 32 bytes for Ed25519, uncompressed SEC1 (65 bytes) for P-256. */
export function publicKeyBytes(jwk: PublicJwk): Uint8Array {
  if (jwk.kty === 'OKP') return decodeBase64url(jwk.x)
  const out = new Uint8Array(65)
  out[0] = 4
  out.set(decodeBase64url(jwk.x), 1)
  out.set(decodeBase64url(jwk.y), 33)
  return out
}

/** JWK of a raw 32-byte Ed25519 public key. */
export function ed25519Jwk(publicKey: Uint8Array): OkpPublicJwk {
  if (publicKey.length !== 32) throw bad('Ed25519 public keys are 32 bytes')
  return { kty: 'OKP', crv: 'Ed25519', x: encodeBase64url(publicKey) }
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url): the required members in lexicographic order. */
export function jwkThumbprint(jwk: PublicJwk, crypto: CryptoProvider): string {
  const canonical =
    jwk.kty === 'OKP'
      ? `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}"}`
      : `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}","y":"${jwk.y}"}`
  return encodeBase64url(crypto.sha256(utf8Encode(canonical)))
}

function bad(why: string): TesseraError {
  return new TesseraError('KEY_INVALID', `invalid public JWK: ${why}`)
}
