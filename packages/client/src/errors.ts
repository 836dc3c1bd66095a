/**
 * Stable codes of errors the client throws. Callers branch on these, never on messages; messages
 * never contain license keys, tokens or key material.
 */
export type ClientErrorCode =
  | 'OPTIONS_INVALID'
  | 'LICENSE_KEY_MALFORMED'
  | 'NOT_ACTIVATED'
  | 'BUNDLE_REJECTED'
  | 'RECEIPT_REJECTED'
  | 'OFFLINE_RESPONSE_INVALID'
  | 'NO_PENDING_REQUEST'
  | 'STORE_BUSY'
  | 'STORE_UNAVAILABLE'
  | 'CLIENT_CLOSED'

/**
 * The one error base class of the client: a stable `code`, a safe message, context on `cause`.
 * Generic so TransportError can carry the server's problem codes under the same base.
 */
export class ClientError<C extends string = ClientErrorCode> extends Error {
  readonly code: C

  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ClientError'
    this.code = code
  }
}

/** True when `err` is a ClientError (or a TransportError), optionally with the given code. */
export function isClientError(err: unknown, code?: string): err is ClientError<string> {
  return err instanceof ClientError && (code === undefined || err.code === code)
}

/** The code of a thrown value, for logs and telemetry: never its message. */
export function codeOfError(err: unknown): string {
  if (err instanceof ClientError) return err.code
  if (err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    return err.code.slice(0, 64)
  }
  return 'UNEXPECTED'
}
