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
  if (typeof token !== 'string') throw new TesseraError('MALFORMED', 'token must be a string')
  if (token.length > MAX_TOKEN_LENGTH[kind]) {
    throw new TesseraError('TOO_LARGE', `${kind} token exceeds ${MAX_TOKEN_LENGTH[kind]} characters`)
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
  const { alg, kid } = checkHeader(header, kind)
  const signature = decodeBase64url(token.slice(second + 1))
  const payload = parseJsonObject(utf8Decode(decodeBase64url(token.slice(first + 1, second))))
  return { kind, alg, kid, payload, signingInput: token.slice(0, second), signature }
}

function checkHeader(header: JsonObject, kind: TokenKind): { alg: Alg; kid: string } {
  for (const name of Object.keys(header)) {
    if (FORBIDDEN_HEADERS.has(name))
      throw new TesseraError('HEADER_FORBIDDEN', `header "${name}" is not allowed`)
    if (name !== 'alg' && name !== 'typ' && name !== 'kid') {
      throw new TesseraError('HEADER_FORBIDDEN', `unknown header "${name.slice(0, 32)}"`)
    }
  }
  const alg = header.alg
  if (typeof alg !== 'string' || !(allowedAlgs(kind) as readonly string[]).includes(alg)) {
    throw new TesseraError(
      'ALG_NOT_ALLOWED',
      `alg ${JSON.stringify(alg)?.slice(0, 32)} is not allowed for ${kind}`,
    )
  }
  if (header.typ !== TOKEN_TYPES[kind]) {
    throw new TesseraError('TYP_MISMATCH', `expected typ ${TOKEN_TYPES[kind]}`)
  }
  const kid = header.kid
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_LENGTH) {
    throw new TesseraError('KID_MISSING', 'a kid of 1..128 characters is required')
  }
  return { alg: alg as Alg, kid }
}
