import { TransportError, type TransportFailureKind } from './transport-error.js'

/** Longest error body read, characters; problem documents are small. */
const MAX_PROBLEM_CHARS = 16_384

/** The failure kind of an HTTP status that is not a success. */
export function kindOfStatus(status: number): TransportFailureKind {
  if (status === 429) return 'rate_limited'
  if (status >= 400 && status < 500) return 'rejected'
  return 'server_error'
}

/**
 * Retry-After as seconds to wait: delta-seconds or an HTTP-date (RFC 9110 §10.2.3), measured
 * against `nowMs`. Null when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null
  const text = value.trim()
  if (/^\d+$/.test(text)) return Math.min(Number(text), 7 * 86_400)
  const at = Date.parse(text)
  if (Number.isNaN(at)) return null
  return Math.max(0, Math.ceil((at - nowMs) / 1000))
}

/**
 * Turns a non-2xx answer into a TransportError: the RFC 9457 problem's stable `code` (or
 * HTTP_<status> when the body is not a problem), Retry-After, and the signed `status` receipt that
 * revocation 403s carry. The message is the problem's title, never the raw body.
 */
export async function problemError(response: Response, nowMs: number): Promise<TransportError> {
  const text = await response.text().catch(() => '')
  let body: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(text.slice(0, MAX_PROBLEM_CHARS))
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      body = parsed as Record<string, unknown>
    }
  } catch {
    // not JSON: keep the HTTP status as the only information
  }
  const code = typeof body.code === 'string' && /^[A-Z0-9_]{1,64}$/.test(body.code) ? body.code : null
  const title = typeof body.title === 'string' ? body.title.slice(0, 200) : `HTTP ${response.status}`
  return new TransportError(code ?? `HTTP_${response.status}`, title, {
    kind: kindOfStatus(response.status),
    status: response.status,
    retryAfter: parseRetryAfter(response.headers.get('retry-after'), nowMs),
    statusReceipt: receiptOf(body),
  })
}

/**
 * The signed status receipt of a revocation answer. spec/HTTP-API.md puts it in the problem's
 * `status` member (which RFC 9457 uses for the HTTP status number), so a string there is the
 * receipt; `statusReceipt` is accepted too, should the server keep `status` numeric.
 */
function receiptOf(body: Record<string, unknown>): string | null {
  if (typeof body.status === 'string') return body.status
  return typeof body.statusReceipt === 'string' ? body.statusReceipt : null
}
