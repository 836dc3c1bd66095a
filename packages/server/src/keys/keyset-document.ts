import { ed25519Jwk, type KeyPurpose, type KeysetClaims, type KeysetEntry, signJws } from '@tessera/core'
import type { Signer } from '../signer/index.js'

/** Days a key set stays valid: clients freeze (limited) past it without a newer one. */
export const KEYSET_LIFETIME = 180 * 86_400
/** Days an online key may sign: long enough to outlast every lease it signed. */
export const KEY_LIFETIME = 400 * 86_400

export function keysetEntry(
  kid: string,
  publicKey: Uint8Array,
  use: KeyPurpose[],
  nbf: number,
  exp: number,
): KeysetEntry {
  const jwk = ed25519Jwk(publicKey)
  return { kid, kty: 'OKP', crv: 'Ed25519', x: jwk.x, use, nbf, exp }
}

export function keysetClaims(
  issuer: string,
  version: number,
  now: number,
  keys: KeysetEntry[],
): KeysetClaims {
  return { v: 1, iss: issuer, ver: version, iat: now, exp: now + KEYSET_LIFETIME, keys }
}

/** Signs key set claims with the root signer (whose kid is the root JWK thumbprint). */
export function signKeyset(root: Signer, claims: KeysetClaims): Promise<string> {
  return signJws('keyset', root.kid, claims, (data) => root.sign(data))
}
