import { createHash } from 'node:crypto'
import { problemError } from './problem.js'
import type {
  ActivateRequest,
  LicenseRequest,
  Prover,
  RenewRequest,
  TelemetryRequest,
  Transport,
} from './transport.js'
import { offlineError, TransportError } from './transport-error.js'

export interface HttpTransportOptions {
  /** Seconds before a request is abandoned (reported as offline, TIMEOUT). Default 15. */
  timeoutSeconds?: number
  /** The fetch to use; default the global one (Node 20+). */
  fetch?: typeof fetch
  /** Aborts every in-flight request when fired (the client's stop()). */
  signal?: AbortSignal
}

/** Largest answer accepted, characters: a bundle is a few KiB. */
const MAX_BODY_CHARS = 256 * 1024

/**
 * spec/HTTP-API.md over fetch. Non-GET requests carry `Tessera-Proof`, a device proof bound to the
 * method, the path and the SHA-256 of the exact body bytes sent. Redirects are not followed (a
 * proof is bound to one path). Any failure becomes a TransportError with its kind.
 */
export class HttpTransport implements Transport {
  readonly #base: URL
  readonly #timeoutMs: number
  readonly #fetch: typeof fetch
  readonly #signal: AbortSignal | undefined

  constructor(serverUrl: string, options: HttpTransportOptions = {}) {
    this.#base = new URL(serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`)
    this.#timeoutMs = (options.timeoutSeconds ?? 15) * 1000
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis)
    this.#signal = options.signal
  }

  nonce() {
    return this.#get<{ nonce: string; expiresAt: number }>(
      'v1/nonce',
      (b) => typeof b.nonce === 'string' && typeof b.expiresAt === 'number',
    )
  }

  activate(body: ActivateRequest, prove: Prover, nonce: string) {
    return this.#post<{ bundle: unknown }>('v1/activate', body, prove, hasObject('bundle'), nonce)
  }

  renew(body: RenewRequest, prove: Prover) {
    return this.#post<{ bundle: unknown }>('v1/renew', body, prove, hasObject('bundle'))
  }

  status(body: LicenseRequest, prove: Prover) {
    return this.#post<{ status: string }>('v1/status', body, prove, hasString('status'))
  }

  deactivate(body: LicenseRequest, prove: Prover) {
    return this.#post<{ receipt: string }>('v1/deactivate', body, prove, hasString('receipt'))
  }

  telemetry(body: TelemetryRequest, prove: Prover) {
    return this.#post<{ accepted: number }>(
      'v1/telemetry',
      body,
      prove,
      (b) => typeof b.accepted === 'number',
    )
  }

  time(nonce?: string) {
    const query = nonce === undefined ? '' : `?nonce=${encodeURIComponent(nonce)}`
    return this.#get<{ receipt: string }>(`v1/time${query}`, hasString('receipt'))
  }

  async #get<T>(relative: string, valid: (b: Record<string, unknown>) => boolean): Promise<T> {
    const url = new URL(relative, this.#base)
    return this.#send<T>(url, { method: 'GET', headers: { accept: 'application/json' } }, valid)
  }

  async #post<T>(
    relative: string,
    body: object,
    prove: Prover,
    valid: (b: Record<string, unknown>) => boolean,
    nonce?: string,
  ): Promise<T> {
    const url = new URL(relative, this.#base)
    const bytes = new TextEncoder().encode(JSON.stringify(body))
    const proof = await prove({
      method: 'POST',
      path: url.pathname,
      body: bytes,
      ...(nonce ? { nonce } : {}),
    })
    const headers = { accept: 'application/json', 'content-type': 'application/json', 'tessera-proof': proof }
    return this.#send<T>(url, { method: 'POST', headers, body: bytes }, valid)
  }

  async #send<T>(url: URL, init: RequestInit, valid: (b: Record<string, unknown>) => boolean): Promise<T> {
    const timeout = AbortSignal.timeout(this.#timeoutMs)
    const signal = this.#signal ? AbortSignal.any([timeout, this.#signal]) : timeout
    let response: Response
    try {
      response = await this.#fetch(url, { ...init, signal, redirect: 'manual' })
    } catch (cause) {
      throw networkError(cause, timeout.aborted)
    }
    if (response.status < 200 || response.status >= 300) throw await problemError(response, Date.now())
    const text = await response.text().catch((cause) => {
      throw networkError(cause, timeout.aborted)
    })
    const body = parseBody(text)
    if (body === null || !valid(body)) throw badResponse(response.status)
    return body as T
  }
}

/** SHA-256 of the body bytes, base64url: the proof's `bdh`. */
export function bodyHash(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url')
}

function parseBody(text: string): Record<string, unknown> | null {
  if (text.length > MAX_BODY_CHARS) return null
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

function networkError(cause: unknown, timedOut: boolean): TransportError {
  if (timedOut) return offlineError('TIMEOUT', 'the license server did not answer in time', cause)
  const name = cause instanceof Error ? cause.name : ''
  if (name === 'AbortError' || name === 'TimeoutError')
    return offlineError('ABORTED', 'request aborted', cause)
  return offlineError('NETWORK_UNREACHABLE', 'the license server could not be reached', cause)
}

function badResponse(status: number): TransportError {
  return new TransportError('BAD_RESPONSE', 'the license server sent an unusable answer', {
    kind: 'server_error',
    status,
    retryAfter: null,
    statusReceipt: null,
  })
}

function hasObject(name: string) {
  return (b: Record<string, unknown>) => b[name] !== null && typeof b[name] === 'object'
}

function hasString(name: string) {
  return (b: Record<string, unknown>) => typeof b[name] === 'string'
}
