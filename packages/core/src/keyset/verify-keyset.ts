import { KEYSET_SCHEMA, type KeysetClaims, type KeysetEntry } from '../claims/keyset-claims.js'
import { validateSchema } from '../claims/schema.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { decodeBase64url } from '../encoding/base64url.js'
import { type OkpPublicJwk, publicKeyBytes } from '../encoding/jwk.js'
import { TesseraError } from '../errors.js'
import { decodeJws } from '../jws/decode.js'
import type { KeyPurpose } from '../jws/token-types.js'
import { verifyJwsSignature } from '../jws/verify-signature.js'
import { walkRootChain } from './root-chain.js'
import type { TrustState } from './trust-state.js'

const PURPOSES: readonly KeyPurpose[] = ['lease', 'status', 'time']

/** A key set whose signature chains to a pinned root; time checks are the caller's (see isKeysetExpired). */
export interface VerifiedKeyset {
  readonly claims: KeysetClaims
  readonly rootKid: string
  /** The root that signed it: persist it as `TrustState.currentRoot` once a rotation was accepted. */
  readonly rootJwk: OkpPublicJwk
  readonly rootVersion: number
  /** Online keys by kid, with their raw public key. */
  readonly keys: ReadonlyMap<string, { readonly entry: KeysetEntry; readonly publicKey: Uint8Array }>
}

/**
 * Verifies a key set against the pinned roots and the rotation chain, and refuses a version
 * lower than one already seen (KEYSET_ROLLBACK). Unknown signer → ROOT_UNKNOWN.
 */
export function verifyKeyset(
  chain: readonly string[],
  token: string,
  trust: TrustState,
  crypto: CryptoProvider,
): VerifiedKeyset {
  const roots = walkRootChain(chain, trust, crypto)
  const jws = decodeJws(token, 'keyset')
  const root = roots.find((r) => r.kid === jws.kid)
  if (!root) throw new TesseraError('ROOT_UNKNOWN', 'key set not signed by a trusted root')
  verifyJwsSignature(jws, publicKeyBytes(root.jwk), 'EdDSA', crypto)
  const claims = validateSchema(jws.payload, KEYSET_SCHEMA) as unknown as KeysetClaims
  if (claims.ver < trust.keysetVersion) {
    throw new TesseraError('KEYSET_ROLLBACK', `key set version ${claims.ver} is below ${trust.keysetVersion}`)
  }
  const keys = new Map<string, { entry: KeysetEntry; publicKey: Uint8Array }>()
  for (const entry of claims.keys) {
    if (keys.has(entry.kid)) throw new TesseraError('CLAIMS_INVALID', 'duplicate kid in key set')
    if (entry.use.some((u) => !PURPOSES.includes(u)) || entry.nbf > entry.exp) {
      throw new TesseraError('CLAIMS_INVALID', 'key set entry has an unknown purpose or an empty window')
    }
    const publicKey = decodeBase64url(entry.x)
    if (publicKey.length !== 32) throw new TesseraError('KEY_INVALID', 'Ed25519 keys are 32 bytes')
    keys.set(entry.kid, { entry, publicKey })
  }
  return { claims, rootKid: root.kid, rootVersion: root.version, rootJwk: root.jwk, keys }
}

/**
 * True from the key set's expiry on (`now >= exp`, epoch seconds, like a lease's `exp`): the
 * client's keys are frozen and the decision caps access at limited.
 */
export function isKeysetExpired(keyset: VerifiedKeyset, now: number): boolean {
  return now >= keyset.claims.exp
}
