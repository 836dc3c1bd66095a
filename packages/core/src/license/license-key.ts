import type { CryptoProvider } from '../crypto/provider.js'
import { encodeBase64url } from '../encoding/base64url.js'
import { asciiBytes } from '../encoding/utf8.js'
import { TesseraError } from '../errors.js'

/** Crockford base32: no I, L, O, U, so keys read aloud or retyped survive. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const PREFIX = 'TSR'
/** 25 random symbols = 125 bits, plus two check symbols. */
const BODY_LENGTH = 25
const GROUP = 5

/**
 * A human-friendly activation key from 16 random bytes (the caller's CSPRNG): TSR-XXXXX-…-XXXXX-CC,
 * five groups of five Crockford base32 symbols and two check symbols that catch any single typo
 * and any swap of two neighbours.
 */
export function formatLicenseKey(random: Uint8Array): string {
  if (random.length < 16) throw new TesseraError('OPTIONS_INVALID', 'a license key needs 16 random bytes')
  let bits = 0n
  for (const b of random.subarray(0, 16)) bits = (bits << 8n) | BigInt(b)
  let body = ''
  for (let i = 0; i < BODY_LENGTH; i++) body += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)]
  const groups = body.match(new RegExp(`.{${GROUP}}`, 'g')) ?? []
  return [PREFIX, ...groups, checkSymbols(body)].join('-')
}

/**
 * Canonical form of a typed key: upper case, separators and spaces dropped, the usual look-alikes
 * (O→0, I/L→1) mapped. Throws MALFORMED when the shape or check symbol is wrong, so a typo is
 * reported as a typo rather than as an unknown license.
 */
export function normalizeLicenseKey(typed: string): string {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (!compact.startsWith(PREFIX) || compact.length !== PREFIX.length + BODY_LENGTH + 2) {
    throw new TesseraError('MALFORMED', 'not a Tessera license key (TSR-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XX)')
  }
  const body = compact.slice(PREFIX.length, -2)
  for (const c of body) {
    if (!ALPHABET.includes(c))
      throw new TesseraError('MALFORMED', 'license key has a character outside its alphabet')
  }
  if (checkSymbols(body) !== compact.slice(-2))
    throw new TesseraError('MALFORMED', 'license key check symbol is wrong (typo?)')
  return `${PREFIX}${body}`
}

/** The stored and transmitted form: SHA-256 of the canonical key, base64url. Keys have 125 bits. */
export function licenseKeyHash(typed: string, crypto: CryptoProvider): string {
  return encodeBase64url(crypto.sha256(asciiBytes(normalizeLicenseKey(typed))))
}

/**
 * Position-weighted sum modulo the prime 1021, as two symbols. A single change alters the sum by
 * (position × difference), at most 25 × 31 < 1021, and an adjacent swap by the difference of the
 * two symbols: never a multiple of 1021, so always detected.
 */
function checkSymbols(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) sum += (i + 1) * ALPHABET.indexOf(body[i]!)
  const check = sum % 1021
  return ALPHABET[check >> 5]! + ALPHABET[check & 31]!
}
