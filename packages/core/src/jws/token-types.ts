/**
 * Every signed object has its own `typ`, so one kind can never be presented as another
 * (a status receipt as a lease, an access token as a lease). This is the one allow-list of
 * token types and algorithms; it is checked before any crypto.
 */
export const TOKEN_TYPES = {
  keyset: 'tessera-keyset+jwt',
  root: 'tessera-root+jwt',
  lease: 'tessera-lease+jwt',
  access: 'tessera-access+jwt',
  status: 'tessera-status+jwt',
  time: 'tessera-time+jwt',
  revocations: 'tessera-revocations+jwt',
  policy: 'tessera-policy+jwt',
  proof: 'tessera-pop+jwt',
  offlineRequest: 'tessera-offline-req+jwt',
  offlineResponse: 'tessera-offline-resp+jwt',
  deactivation: 'tessera-deactivation+jwt',
} as const

export type TokenKind = keyof typeof TOKEN_TYPES
export type TokenType = (typeof TOKEN_TYPES)[TokenKind]

export type Alg = 'EdDSA' | 'ES256'

/** Algorithms accepted per kind: only device-signed objects may use ES256 (TPMs lack Ed25519). */
export function allowedAlgs(kind: TokenKind): readonly Alg[] {
  return kind === 'proof' || kind === 'offlineRequest' ? DEVICE_ALGS : SERVER_ALGS
}
const SERVER_ALGS: readonly Alg[] = Object.freeze(['EdDSA'])
const DEVICE_ALGS: readonly Alg[] = Object.freeze(['EdDSA', 'ES256'])

/**
 * Upper bound, in characters of the compact serialization, checked before anything else. Sized so
 * the bounds agree: an offline response holds any bundle of MAX_BUNDLE_LENGTH (bundle/bundle.ts)
 * with claims of maximal length; a revocation list holds the 10,000 entries its schema allows with
 * maximal ASCII ids and reasons (bounds.test.ts builds both).
 */
export const MAX_TOKEN_LENGTH: Readonly<Record<TokenKind, number>> = Object.freeze({
  keyset: 4096,
  root: 2048,
  lease: 2048,
  access: 2048,
  status: 1536,
  time: 1024,
  revocations: 3_407_872,
  policy: 4096,
  proof: 2048,
  offlineRequest: 4096,
  offlineResponse: 65_536,
  deactivation: 1536,
})

/** Purposes an online key may be listed with in the key set; each kind needs one of them. */
export type KeyPurpose = 'lease' | 'status' | 'time'

/** The purpose a server-signed kind requires of its key (root-signed kinds need the root). */
export const REQUIRED_PURPOSE: Readonly<Partial<Record<TokenKind, KeyPurpose>>> = Object.freeze({
  lease: 'lease',
  access: 'lease',
  policy: 'lease',
  status: 'status',
  revocations: 'status',
  deactivation: 'status',
  offlineResponse: 'status',
  time: 'time',
})
