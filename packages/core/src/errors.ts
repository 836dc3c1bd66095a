/**
 * Stable error codes. Tests and callers branch on these, never on messages.
 * Messages never contain tokens, keys or license keys.
 */
export type ErrorCode =
  | 'MALFORMED'
  | 'TOO_LARGE'
  | 'BASE64URL_INVALID'
  | 'JSON_INVALID'
  | 'JSON_DUPLICATE_MEMBER'
  | 'ALG_NOT_ALLOWED'
  | 'TYP_MISMATCH'
  | 'HEADER_FORBIDDEN'
  | 'HEADER_INVALID'
  | 'KID_MISSING'
  | 'SIGNATURE_INVALID'
  | 'SIGNATURE_NON_CANONICAL'
  | 'KEY_INVALID'
  | 'KEY_UNKNOWN'
  | 'KEY_WRONG_PURPOSE'
  | 'KEY_OUTSIDE_WINDOW'
  | 'CLAIMS_INVALID'
  | 'CLAIM_NOT_ALLOWED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'WRONG_PRODUCT'
  | 'WRONG_AUDIENCE'
  | 'KEYSET_ROLLBACK'
  | 'ROOT_UNKNOWN'
  | 'ROOT_ROTATION_INVALID'
  | 'REVOCATION_DELTA_GAP'
  | 'REVOCATION_ROLLBACK'
  | 'BUNDLE_INVALID'
  | 'OPTIONS_INVALID'

/** The one error class of Tessera core: a stable `code`, a safe message, context on `cause`. */
export class TesseraError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'TesseraError'
    this.code = code
  }
}

/** True when `err` is a TesseraError, optionally with the given code. */
export function isTesseraError(err: unknown, code?: ErrorCode): err is TesseraError {
  return err instanceof TesseraError && (code === undefined || err.code === code)
}
