import type { CryptoProvider } from '../crypto/provider.js'
import { encodeBase64url } from '../encoding/base64url.js'
import { utf8Encode } from '../encoding/utf8.js'
import { TesseraError } from '../errors.js'

/**
 * Characters of one fingerprint component hash: the base64url of the first 4 bytes (32 bits) of
 * its SHA-256, so the last of the 6 characters has its 4 unused low bits zero. 32 bits are plenty
 * to tell one machine's few components apart, and a lease carries up to 16 of them.
 */
export const COMPONENT_HASH_LENGTH = 6
/** Most components a fingerprint holds (a request's list, a lease's `hwf.c`). */
export const MAX_COMPONENTS = 16

/** 5 free characters, then one whose low 4 bits are zero (A = 0, Q = 16, g = 32, w = 48). */
const COMPONENT_HASH = /^[A-Za-z0-9_-]{5}[AQgw]$/

/**
 * One component: base64url of the first 4 bytes of SHA-256("tessera-fp:v1:<product>:<name>=<value>").
 * The product salt makes the same machine look unrelated to two vendors.
 */
export function componentHash(product: string, name: string, value: string, crypto: CryptoProvider): string {
  const digest = crypto.sha256(utf8Encode(`tessera-fp:v1:${product}:${name}=${value}`))
  return encodeBase64url(digest.subarray(0, 4))
}

/** Whether `value` is one canonical 6-character component hash. */
export function isComponentHash(value: unknown): value is string {
  return typeof value === 'string' && COMPONENT_HASH.test(value)
}

/** Checks a list of 1..16 component hashes (a request's): else CLAIMS_INVALID. */
export function assertComponents(components: readonly unknown[]): asserts components is readonly string[] {
  if (components.length < 1 || components.length > MAX_COMPONENTS || !components.every(isComponentHash)) {
    throw new TesseraError('CLAIMS_INVALID', 'fingerprint must be 1..16 component hashes of 6 characters')
  }
}

/** The lease form of a fingerprint: the component hashes concatenated. */
export function packComponents(components: readonly string[]): string {
  assertComponents(components)
  return components.join('')
}

/** The component hashes of a lease's `hwf.c`; a length not a multiple of 6 or a bad hash → CLAIMS_INVALID. */
export function unpackComponents(packed: string): string[] {
  const out: string[] = []
  for (let i = 0; i < packed.length; i += COMPONENT_HASH_LENGTH) {
    out.push(packed.slice(i, i + COMPONENT_HASH_LENGTH))
  }
  assertComponents(out)
  return out
}

/**
 * k-of-n hardware fingerprint matching: the lease lists salted component hashes and how many must
 * match, so a new disk or more RAM keeps the seat while a cloned image on other hardware does not.
 */
export function fingerprintMatches(hwf: { k: number; c: string }, components: readonly string[]): boolean {
  return countMatches(unpackComponents(hwf.c), components) >= hwf.k
}

export function countMatches(expected: readonly string[], actual: readonly string[]): number {
  let n = 0
  for (const c of expected) if (actual.includes(c)) n++
  return n
}
