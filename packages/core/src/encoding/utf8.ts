import { TesseraError } from '../errors.js'

const encoder = new TextEncoder()
// ignoreBOM keeps a leading U+FEFF, which the strict JSON parser then refuses: a BOM is not JSON.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text)
}

/** Decodes UTF-8, refusing invalid byte sequences instead of replacing them. */
export function utf8Decode(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes)
  } catch (cause) {
    throw new TesseraError('JSON_INVALID', 'invalid UTF-8', { cause })
  }
}

/** ASCII-only encoding of a string known to be ASCII (JWS signing input). Faster than TextEncoder. */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out
}
