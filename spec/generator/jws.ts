// Synchronous compact-JWS building and mutation for the vector generator. Deliberately not core's
// signJws: vectors need raw control over header and payload bytes (duplicate members, forbidden
// headers, foreign algorithms). For well-formed tokens the bytes are identical to signJws's.
import { createHmac } from 'node:crypto'
import { p256 } from '@noble/curves/nist.js'
import { sha256 } from '@noble/hashes/sha2.js'
import {
  decodeBase64url,
  type EcPublicJwk,
  encodeBase64url,
  jwkThumbprint,
  TOKEN_TYPES,
  type TokenKind,
  utf8Encode,
} from '../../packages/core/src/index.js'
import { nobleCrypto } from '../../packages/core/src/noble.js'

export interface Signer {
  sign(data: Uint8Array): Uint8Array
}

/** Unpadded base64url of UTF-8 text or raw bytes. */
export function b64(data: string | Uint8Array): string {
  return encodeBase64url(typeof data === 'string' ? utf8Encode(data) : data)
}

/** The standard header of a kind, serialized exactly as core's signJws does. */
export function headerJson(kind: TokenKind, kid: string, alg = 'EdDSA'): string {
  return JSON.stringify({ alg, typ: TOKEN_TYPES[kind], kid })
}

/** Compact JWS over raw header and payload JSON text (UTF-8), signed over the ASCII signing input. */
export function compact(header: string, payload: string, signer: Signer): string {
  const input = `${b64(header)}.${b64(payload)}`
  return `${input}.${b64(signer.sign(utf8Encode(input)))}`
}

/** A well-formed token of `kind`: byte-identical to core's signJws(kind, kid, claims, …, alg). */
export function token(kind: TokenKind, signer: Signer, kid: string, claims: object, alg = 'EdDSA'): string {
  return compact(headerJson(kind, kid, alg), JSON.stringify(claims), signer)
}

/** A P-256 device key derived from a label (RFC 6979 signatures, so deterministic). */
export interface EsKey extends Signer {
  readonly jwk: EcPublicJwk
  readonly thumbprint: string
}

export function es256Key(label: string): EsKey {
  const secret = sha256(utf8Encode(`tessera-test-key:${label}`))
  const pub = p256.getPublicKey(secret, false)
  const jwk: EcPublicJwk = { kty: 'EC', crv: 'P-256', x: b64(pub.slice(1, 33)), y: b64(pub.slice(33)) }
  return { jwk, thumbprint: jwkThumbprint(jwk, nobleCrypto), sign: (data) => p256.sign(data, secret) }
}

/** HMAC-SHA256 with `secret` as the key: the classic "HS256 with the public key" confusion. */
export function hmacSigner(secret: Uint8Array): Signer {
  return { sign: (data) => new Uint8Array(createHmac('sha256', secret).update(data).digest()) }
}

/** Deterministic filler bytes (SHA-256 in counter mode) for signatures of foreign algorithms. */
export function fillerBytes(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i * 32 < length; i++)
    out.set(sha256(utf8Encode(`${label}:${i}`)).slice(0, length - i * 32), i * 32)
  return out
}

export function parts(jws: string): [string, string, string] {
  const [h = '', p = '', s = ''] = jws.split('.')
  return [h, p, s]
}

export function signatureOf(jws: string): Uint8Array {
  return decodeBase64url(parts(jws)[2])
}

export function withSignature(jws: string, signature: Uint8Array | string): string {
  const [h, p] = parts(jws)
  return `${h}.${p}.${typeof signature === 'string' ? signature : b64(signature)}`
}

/** Ed25519 group order L, little-endian. */
const L = [
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
]

/** The same signature with S replaced by S + L (same group element, non-canonical encoding). */
export function addL(signature: Uint8Array): Uint8Array {
  const out = Uint8Array.from(signature)
  let carry = 0
  for (let i = 0; i < 32; i++) {
    const sum = out[32 + i]! + L[i]! + carry
    out[32 + i] = sum & 255
    carry = sum >> 8
  }
  if (carry !== 0) throw new Error('S + L overflowed 32 bytes')
  return out
}

export function flipBit(bytes: Uint8Array, index: number): Uint8Array {
  const out = Uint8Array.from(bytes)
  out[index] = out[index]! ^ 1
  return out
}

/** Base64url text re-encoded with the standard alphabet (+ and /), unpadded. */
export function standardAlphabet(text: string): string {
  return text.replaceAll('-', '+').replaceAll('_', '/')
}
