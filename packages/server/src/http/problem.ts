/** Stable problem codes of the HTTP API (spec/HTTP-API.md). Clients branch on these. */
export type ProblemCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_JSON'
  | 'LICENSE_KEY_MALFORMED'
  | 'PROOF_INVALID'
  | 'NONCE_INVALID'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN_SCOPE'
  | 'LICENSE_REVOKED'
  | 'DEVICE_REVOKED'
  | 'LEASE_REVOKED'
  | 'LICENSE_SUSPENDED'
  | 'LICENSE_EXPIRED'
  | 'LICENSE_NOT_FOUND'
  | 'DEVICE_NOT_FOUND'
  | 'NOT_FOUND'
  | 'SEATS_EXHAUSTED'
  | 'TRANSFER_LIMIT'
  | 'FINGERPRINT_UNUSABLE'
  | 'CONFLICT'
  | 'ROOT_KEY_OFFLINE'
  | 'KEYSET_INVALID'
  | 'OFFLINE_REQUEST_INVALID'
  | 'PAYLOAD_TOO_LARGE'
  | 'URI_TOO_LONG'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'METHOD_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'OVERLOADED'
  | 'STORAGE_UNAVAILABLE'
  | 'SIGNER_UNAVAILABLE'
  | 'INTERNAL'

const STATUS: Record<ProblemCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  LICENSE_KEY_MALFORMED: 400,
  PROOF_INVALID: 401,
  NONCE_INVALID: 401,
  UNAUTHORIZED: 401,
  FORBIDDEN_SCOPE: 403,
  LICENSE_REVOKED: 403,
  DEVICE_REVOKED: 403,
  LEASE_REVOKED: 403,
  LICENSE_SUSPENDED: 403,
  LICENSE_EXPIRED: 403,
  LICENSE_NOT_FOUND: 404,
  DEVICE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  SEATS_EXHAUSTED: 409,
  TRANSFER_LIMIT: 409,
  FINGERPRINT_UNUSABLE: 409,
  CONFLICT: 409,
  ROOT_KEY_OFFLINE: 409,
  KEYSET_INVALID: 400,
  OFFLINE_REQUEST_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
  OVERLOADED: 503,
  STORAGE_UNAVAILABLE: 503,
  SIGNER_UNAVAILABLE: 503,
  INTERNAL: 500,
}

const TITLES: Partial<Record<ProblemCode, string>> = {
  VALIDATION_FAILED: 'Request does not match the schema',
  SEATS_EXHAUSTED: 'No seat left',
  RATE_LIMITED: 'Too many requests',
  STORAGE_UNAVAILABLE: 'Database unavailable',
  INTERNAL: 'Internal error',
}

/**
 * An RFC 9457 problem to send: thrown by services and routes, rendered by the error handler.
 * `detail` must never contain a license key, token or other secret.
 */
export class HttpProblem extends Error {
  readonly code: ProblemCode
  readonly status: number
  readonly extensions: Record<string, unknown>
  /** Seconds, sent as Retry-After (429, 503). */
  readonly retryAfter: number | undefined

  constructor(
    code: ProblemCode,
    detail: string,
    options: { extensions?: Record<string, unknown>; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(detail, { cause: options.cause })
    this.name = 'HttpProblem'
    this.code = code
    this.status = STATUS[code]
    this.extensions = options.extensions ?? {}
    this.retryAfter = options.retryAfter
  }

  body(instance?: string): Record<string, unknown> {
    return {
      type: `https://tessera.dev/problems/${this.code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLES[this.code] ?? titleOf(this.code),
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    }
  }
}

function titleOf(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function problemStatus(code: ProblemCode): number {
  return STATUS[code]
}
