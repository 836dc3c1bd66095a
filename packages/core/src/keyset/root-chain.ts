import type { RootRotationClaims } from '../claims/keyset-claims.js'
import { ROOT_ROTATION_SCHEMA } from '../claims/keyset-claims.js'
import { validateSchema } from '../claims/schema.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { jwkThumbprint, type OkpPublicJwk, parsePublicJwk, publicKeyBytes } from '../encoding/jwk.js'
import { isTesseraError, TesseraError } from '../errors.js'
import { decodeJws } from '../jws/decode.js'
import { verifyJwsSignature } from '../jws/verify-signature.js'
import type { TrustState } from './trust-state.js'

/** The root key reached by walking the rotation chain from the pinned roots. */
export interface CurrentRoot {
  readonly kid: string
  readonly jwk: OkpPublicJwk
  readonly version: number
}

/**
 * Walks the root rotation chain: each link names the next root and must be signed by the current
 * one. The walk starts from the root the client reached before (`trust.currentRoot`), else from
 * the pinned roots; links older than that start are skipped, so a link signed by a retired root
 * (whose key may since have leaked) is never followed. Once the walk has started, a link signed
 * by anything but the current root breaks the chain (ROOT_ROTATION_INVALID). Ending below a root
 * version already seen is a rollback (KEYSET_ROLLBACK).
 */
export function walkRootChain(
  chain: readonly string[],
  trust: TrustState,
  crypto: CryptoProvider,
): CurrentRoot[] {
  let current: CurrentRoot[] = trust.currentRoot
    ? [
        {
          kid: jwkThumbprint(trust.currentRoot, crypto),
          jwk: trust.currentRoot,
          version: Math.max(trust.rootVersion, 1),
        },
      ]
    : trust.roots.map((jwk) => ({ kid: jwkThumbprint(jwk, crypto), jwk, version: 1 }))
  let advanced = false
  for (const link of chain) {
    const jws = decodeJws(link, 'root')
    const signer = current.find((root) => root.kid === jws.kid)
    if (!signer) {
      if (advanced)
        throw new TesseraError('ROOT_ROTATION_INVALID', 'rotation link not signed by the previous root')
      continue
    }
    let claims: RootRotationClaims
    try {
      verifyJwsSignature(jws, publicKeyBytes(signer.jwk), 'EdDSA', crypto)
      claims = validateSchema(jws.payload, ROOT_ROTATION_SCHEMA) as unknown as RootRotationClaims
    } catch (cause) {
      const code = isTesseraError(cause) ? cause.code : 'unknown'
      throw new TesseraError('ROOT_ROTATION_INVALID', `rotation link rejected (${code})`, { cause })
    }
    if (claims.ver <= signer.version) {
      throw new TesseraError('ROOT_ROTATION_INVALID', 'rotation link does not raise the root version')
    }
    const jwk = parsePublicJwk(claims.key) as OkpPublicJwk
    current = [{ kid: jwkThumbprint(jwk, crypto), jwk, version: claims.ver }]
    advanced = true
  }
  if (advanced && current[0]!.version < trust.rootVersion) {
    throw new TesseraError('KEYSET_ROLLBACK', 'root version lower than one already seen')
  }
  if (!advanced && trust.rootVersion > 1 && !trust.currentRoot) {
    throw new TesseraError('KEYSET_ROLLBACK', 'rotation chain missing: a newer root was seen before')
  }
  return current
}
