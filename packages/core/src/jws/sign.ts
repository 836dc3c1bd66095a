import { encodeBase64url } from '../encoding/base64url.js'
import { asciiBytes, utf8Encode } from '../encoding/utf8.js'
import { type Alg, TOKEN_TYPES, type TokenKind } from './token-types.js'

/** Produces a raw signature (64 bytes for EdDSA and for ES256 r‖s) over the signing input. */
export type SignFunction = (signingInput: Uint8Array) => Promise<Uint8Array> | Uint8Array

/**
 * Serializes and signs a compact JWS of the given kind. The caller validates claims first
 * (see assertIssuable); signing is injected so private keys stay in their signer (file, HSM).
 */
export async function signJws(
  kind: TokenKind,
  kid: string,
  claims: object,
  sign: SignFunction,
  alg: Alg = 'EdDSA',
): Promise<string> {
  const header = encodeBase64url(utf8Encode(JSON.stringify({ alg, typ: TOKEN_TYPES[kind], kid })))
  const payload = encodeBase64url(utf8Encode(JSON.stringify(claims)))
  const signingInput = `${header}.${payload}`
  const signature = await sign(asciiBytes(signingInput))
  return `${signingInput}.${encodeBase64url(signature)}`
}
