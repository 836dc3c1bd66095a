import type { JsonValue } from '../encoding/strict-json.js'
import { isTesseraError, TesseraError } from '../errors.js'
import type { TokenKind } from '../jws/token-types.js'
import { validateSchema } from './schema.js'
import { CLAIMS_SCHEMAS } from './schemas.js'

/** Something shaped like an e-mail address: the most common personal data to leak into a token. */
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]{2,}/

/**
 * The issuance-side guard: claims must be exactly those of the kind's allow-list, well-typed, and
 * carry nothing that looks like personal data. Tokens hold opaque ids only; ownership stays on
 * the server. Throws CLAIM_NOT_ALLOWED (or CLAIMS_INVALID for a type error).
 */
export function assertIssuable(kind: TokenKind, claims: object): void {
  const value = claims as JsonValue
  try {
    validateSchema(value, CLAIMS_SCHEMAS[kind])
  } catch (err) {
    if (isTesseraError(err) && err.message.endsWith('is not an allowed member')) {
      throw new TesseraError('CLAIM_NOT_ALLOWED', err.message, { cause: err })
    }
    throw err
  }
  const path = findEmailLike(value, '')
  if (path !== null)
    throw new TesseraError('CLAIM_NOT_ALLOWED', `${path} looks like personal data (an e-mail)`)
}

function findEmailLike(value: JsonValue, path: string): string | null {
  if (typeof value === 'string') return EMAIL.test(value) ? path || 'value' : null
  if (value === null || typeof value !== 'object') return null
  for (const [key, item] of Object.entries(value)) {
    if (EMAIL.test(key)) return path ? `${path} member name` : 'member name'
    const found = findEmailLike(item, path ? `${path}.${key}` : key)
    if (found !== null) return found
  }
  return null
}
