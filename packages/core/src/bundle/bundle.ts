import { TesseraError } from '../errors.js'

/** What every activation or renewal returns; the client stores it whole. All members compact JWS. */
export interface Bundle {
  v: 1
  /** Root rotation links, oldest first; empty while the first root is in use. */
  chain: string[]
  keyset: string
  lease: string
  access: string
  status: string
}

/**
 * A bundle as recorded for support (diagnostics): the access token, a live credential the decision
 * does not depend on, may be left out.
 */
export type RecordedBundle = Omit<Bundle, 'access'> & { access?: string }

const MEMBERS = new Set(['v', 'chain', 'keyset', 'lease', 'access', 'status'])
/** Most root rotation links a bundle carries. */
export const MAX_CHAIN_LINKS = 16
/**
 * Longest bundle accepted: characters of its JSON text without whitespace (as JSON.stringify writes
 * it). It holds any bundle whose tokens are within their own bounds (16 root links of 2,048, a key
 * set of 4,096, a lease and an access token of 2,048, a status receipt of 1,536: 42,608 in all), and
 * an offline response (MAX_TOKEN_LENGTH.offlineResponse) holds any bundle within it.
 */
export const MAX_BUNDLE_LENGTH = 43_008

/** Shape check of an untrusted bundle (e.g. read from a file or an HTTP body). */
export function parseBundle(value: unknown): Bundle {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad('not an object')
  const b = value as Record<string, unknown>
  for (const name of Object.keys(b)) if (!MEMBERS.has(name)) throw bad(`unknown member ${name.slice(0, 32)}`)
  if (b.v !== 1) throw bad('unsupported version')
  if (
    !Array.isArray(b.chain) ||
    b.chain.length > MAX_CHAIN_LINKS ||
    !b.chain.every((t) => typeof t === 'string')
  ) {
    throw bad(`chain must be a list of at most ${MAX_CHAIN_LINKS} tokens`)
  }
  for (const name of ['keyset', 'lease', 'access', 'status'] as const) {
    if (typeof b[name] !== 'string') throw bad(`${name} must be a token`)
  }
  if (JSON.stringify(b).length > MAX_BUNDLE_LENGTH) {
    throw new TesseraError('TOO_LARGE', `bundle exceeds ${MAX_BUNDLE_LENGTH} characters`)
  }
  return b as unknown as Bundle
}

function bad(why: string): TesseraError {
  return new TesseraError('BUNDLE_INVALID', `invalid bundle: ${why}`)
}
