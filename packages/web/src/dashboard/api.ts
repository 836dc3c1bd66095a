/** A failed operator call: the problem+json `code` and `detail`, or NETWORK when nothing came back. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail)
    this.name = 'ApiError'
  }
}

/**
 * The operator API (spec/HTTP-API.md) from the page. The token travels only in the Authorization
 * header of same-origin requests; it is never put in a URL, logged or shown.
 */
export class AdminApi {
  readonly #token: string
  readonly #base: string

  constructor(token: string, base = '') {
    this.#token = token
    this.#base = base
  }

  get<T>(path: string): Promise<T> {
    return this.#call<T>('GET', path)
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.#call<T>('POST', path, body)
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response
    try {
      res = await fetch(`${this.#base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        credentials: 'omit',
        cache: 'no-store',
      })
    } catch {
      throw new ApiError(0, 'NETWORK', 'The license server could not be reached.')
    }
    const text = await res.text()
    const parsed = parseJson(text)
    if (!res.ok) {
      const problem = (parsed ?? {}) as { code?: unknown; detail?: unknown }
      throw new ApiError(
        res.status,
        typeof problem.code === 'string' ? problem.code : `HTTP_${res.status}`,
        typeof problem.detail === 'string' ? problem.detail : `The server answered ${res.status}.`,
      )
    }
    return parsed as T
  }
}

function parseJson(text: string): unknown {
  if (!text) return {}
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** `encodeURIComponent` for path segments built from data. */
export const seg = encodeURIComponent
