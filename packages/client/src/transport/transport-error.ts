import { ClientError } from '../errors.js'

/**
 * How a request failed, which is what renewal needs to decide what to do next:
 * `offline` (no answer: DNS, refused, reset, timeout), `server_error` (5xx or an unusable answer),
 * `rejected` (a 4xx: the server said no), `rate_limited` (429).
 */
export type TransportFailureKind = 'offline' | 'server_error' | 'rejected' | 'rate_limited'

/** Problem codes of spec/HTTP-API.md, plus the client's own codes for failures without an answer. */
export type TransportErrorCode =
  | 'NETWORK_UNREACHABLE'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'BAD_RESPONSE'
  | 'NO_SERVER'
  | 'VALIDATION_FAILED'
  | 'MALFORMED_JSON'
  | 'LICENSE_KEY_MALFORMED'
  | 'PROOF_INVALID'
  | 'NONCE_INVALID'
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
  | 'RATE_LIMITED'
  | 'OVERLOADED'
  | 'STORAGE_UNAVAILABLE'
  | (string & {})

export interface TransportErrorDetails {
  kind: TransportFailureKind
  /** HTTP status; 0 when no answer arrived. */
  status: number
  /** Seconds the server asked us to wait (Retry-After), or null. */
  retryAfter: number | null
  /** The signed status receipt a revocation 403 carries (compact JWS, unverified), or null. */
  statusReceipt: string | null
}

/** A failed request. `code` is the server's problem code, or one of the client's own. */
export class TransportError extends ClientError<TransportErrorCode> {
  readonly kind: TransportFailureKind
  readonly status: number
  readonly retryAfter: number | null
  readonly statusReceipt: string | null

  constructor(code: TransportErrorCode, message: string, details: TransportErrorDetails, cause?: unknown) {
    super(code, message, cause === undefined ? undefined : { cause })
    this.name = 'TransportError'
    this.kind = details.kind
    this.status = details.status
    this.retryAfter = details.retryAfter
    this.statusReceipt = details.statusReceipt
  }
}

/** A failure where no answer arrived. */
export function offlineError(code: TransportErrorCode, message: string, cause?: unknown): TransportError {
  return new TransportError(
    code,
    message,
    { kind: 'offline', status: 0, retryAfter: null, statusReceipt: null },
    cause,
  )
}

export function isTransportError(err: unknown): err is TransportError {
  return err instanceof TransportError
}
