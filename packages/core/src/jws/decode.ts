import { decodeBase64url } from '../encoding/base64url.js'
import { type JsonObject, parseJsonObject } from '../encoding/strict-json.js'
import { utf8Decode } from '../encoding/utf8.js'
import { TesseraError } from '../errors.js'
import { type Alg, allowedAlgs, MAX_TOKEN_LENGTH, TOKEN_TYPES, type TokenKind } from './token-types.js'

/** A compact JWS whose structure and header passed every check; its signature is not yet verified. */
export interface DecodedJws {
  readonly kind: TokenKind
  readonly alg: Alg
  readonly kid: string
  readonly payload: JsonObject
  /** The ASCII bytes of `header.payload`, what the signature covers. */
  readonly signingInput: string
  readonly signature: Uint8Array
}

/**
 * The header rules a compact JWS is decoded under. decodeJws applies those of a Tessera kind
 * (token-types.ts); other rules serve only to check foreign JWS, such as RFC test vectors.
 */
export interface JwsRules {
  /** Names the token in messages. */
  readonly label: string
  /** Longest compact serialization accepted, in characters. */
  readonly maxLength: number
  readonly algs: readonly Alg[]
  /** The exact `typ` required, or null when the header must carry none. */
  readonly typ: string | null
  /** Whether a `kid` is required (it always is for Tessera tokens). */
  readonly kidRequired: boolean
}

/** A compact JWS whose structure and header passed the rules, payload left as bytes; not verified. */
export interface RawJws {
  readonly alg: Alg
  readonly kid: string | undefined
  readonly payloadBytes: Uint8Array
  /** The ASCII text `header.payload`, what the signature covers. */
  readonly signingInput: string
  readonly signature: Uint8Array
}

/** Header members that would let a token choose its own key or change processing rules. */
const FORBIDDEN_HEADERS = new Set([
  'jku',
  'x5u',
  'jwk',
  'x5c',
  'x5t',
  'x5t#S256',
  'crit',
  'b64',
  'zip',
  'cty',
])
const MAX_KID_LENGTH = 128

/**
 * Decodes a compact JWS of the expected kind, refusing before any crypto: oversized input, a wrong
 * shape, non-canonical base64url, invalid or duplicate-member JSON, any header member but
 * alg/typ/kid, an algorithm outside the allow-list, a `typ` of another kind, a missing `kid`.
 */
export function decodeJws(token: unknown, kind: TokenKind): DecodedJws {
  const raw = decodeJwsWith(token, KIND_RULES[kind])
  const payload = parseJsonObject(utf8Decode(raw.payloadBytes))
  const { alg, signingInput, signature } = raw
  return { kind, alg, kid: raw.kid as string, payload, signingInput, signature }
}

/** The rules of each Tessera kind: its size bound, its algorithms, its `typ`, a required `kid`. */
const KIND_RULES = Object.freeze(
  Object.fromEntries(
    (Object.keys(TOKEN_TYPES) as TokenKind[]).map((kind) => [
      kind,
      Object.freeze({
        label: kind,
        maxLength: MAX_TOKEN_LENGTH[kind],
        algs: allowedAlgs(kind),
        typ: TOKEN_TYPES[kind],
        kidRequired: true,
      }),
    ]),
  ) as Record<TokenKind, JwsRules>,
)

/**
 * The checks of decodeJws under the given rules, up to and including the base64url of the payload
 * (its JSON is not parsed: a foreign JWS may sign any bytes).
 */
export function decodeJwsWith(token: unknown, rules: JwsRules): RawJws {
  if (typeof token !== 'string') throw new TesseraError('MALFORMED', 'token must be a string')
  if (token.length > rules.maxLength) {
    throw new TesseraError('TOO_LARGE', `${rules.label} token exceeds ${rules.maxLength} characters`)
  }
  const first = token.indexOf('.')
  const second = token.indexOf('.', first + 1)
  if (
    first <= 0 ||
    second <= first + 1 ||
    second === token.length - 1 ||
    token.indexOf('.', second + 1) !== -1
  ) {
    throw new TesseraError('MALFORMED', 'not a compact JWS (three non-empty dot-separated parts)')
  }
  const header = parseJsonObject(utf8Decode(decodeBase64url(token.slice(0, first))))
  const { alg, kid } = checkHeader(header, rules)
  const signature = decodeBase64url(token.slice(second + 1))
  const payloadBytes = decodeBase64url(token.slice(first + 1, second))
  return { alg, kid, payloadBytes, signingInput: token.slice(0, second), signature }
}

function checkHeader(header: JsonObject, rules: JwsRules): { alg: Alg; kid: string | undefined } {
  for (const name of Object.keys(header)) {
    if (FORBIDDEN_HEADERS.has(name))
      throw new TesseraError('HEADER_FORBIDDEN', `header "${name}" is not allowed`)
    if (name !== 'alg' && name !== 'typ' && name !== 'kid') {
      throw new TesseraError('HEADER_FORBIDDEN', `unknown header "${name.slice(0, 32)}"`)
    }
  }
  const alg = header.alg
  if (typeof alg !== 'string' || !(rules.algs as readonly string[]).includes(alg)) {
    throw new TesseraError(
      'ALG_NOT_ALLOWED',
      `alg ${JSON.stringify(alg)?.slice(0, 32)} is not allowed for ${rules.label}`,
    )
  }
  if (rules.typ === null ? header.typ !== undefined : header.typ !== rules.typ) {
    throw new TesseraError('TYP_MISMATCH', `expected typ ${rules.typ ?? '(none)'}`)
  }
  const kid = header.kid
  if (kid === undefined && !rules.kidRequired) return { alg: alg as Alg, kid }
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_LENGTH) {
    throw new TesseraError('KID_MISSING', 'a kid of 1..128 characters is required')
  }
  return { alg: alg as Alg, kid }
}
