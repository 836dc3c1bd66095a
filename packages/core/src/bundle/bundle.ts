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

/** Shape check of an untrusted bundle (e.g. read from a file or an HTTP body). */
export function parseBundle(value: unknown): Bundle {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad('not an object')
  const b = value as Record<string, unknown>
  for (const name of Object.keys(b)) if (!MEMBERS.has(name)) throw bad(`unknown member ${name.slice(0, 32)}`)
  if (b.v !== 1) throw bad('unsupported version')
  if (!Array.isArray(b.chain) || b.chain.length > 16 || !b.chain.every((t) => typeof t === 'string')) {
    throw bad('chain must be a list of at most 16 tokens')
  }
  for (const name of ['keyset', 'lease', 'access', 'status'] as const) {
    if (typeof b[name] !== 'string') throw bad(`${name} must be a token`)
  }
  return b as unknown as Bundle
}

function bad(why: string): TesseraError {
  return new TesseraError('BUNDLE_INVALID', `invalid bundle: ${why}`)
}
