import { TesseraError } from '../errors.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const LOOKUP = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

/** Unpadded base64url (RFC 4648 §5), as JWS requires. */
export function encodeBase64url(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i]! << 16
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!
  }
  return out
}

/**
 * Strict unpadded base64url decoding: rejects padding, characters outside the alphabet, an
 * impossible length and non-zero trailing bits, so every byte string has exactly one encoding
 * (no malleability of signed tokens).
 */
export function decodeBase64url(text: string): Uint8Array {
  const len = text.length
  if (len % 4 === 1) throw invalid()
  const out = new Uint8Array(Math.floor((len * 3) / 4))
  let o = 0
  let i = 0
  for (; i + 3 < len; i += 4) {
    const n =
      (sextet(text, i) << 18) | (sextet(text, i + 1) << 12) | (sextet(text, i + 2) << 6) | sextet(text, i + 3)
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 255
    out[o++] = n & 255
  }
  const rest = len - i
  if (rest === 2) {
    const a = sextet(text, i)
    const b = sextet(text, i + 1)
    if (b & 15) throw invalid()
    out[o++] = (a << 2) | (b >> 4)
  } else if (rest === 3) {
    const a = sextet(text, i)
    const b = sextet(text, i + 1)
    const c = sextet(text, i + 2)
    if (c & 3) throw invalid()
    out[o++] = (a << 2) | (b >> 4)
    out[o++] = ((b & 15) << 4) | (c >> 2)
  }
  return out
}

function sextet(text: string, i: number): number {
  const c = text.charCodeAt(i)
  const v = c < 128 ? LOOKUP[c]! : -1
  if (v < 0) throw invalid()
  return v
}

function invalid(): TesseraError {
  return new TesseraError('BASE64URL_INVALID', 'not canonical unpadded base64url')
}
