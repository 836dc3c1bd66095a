/**
 * Where the benchmarks get Tessera from. Default: core and crypto-node as tsc compiles them
 * (see build.ts for why not tsx's transform), compiled from the sources in the tree on demand.
 * TESSERA_BENCH_FROM=src runs the sources through tsx instead (no compile; closures are a bit
 * slower). The test factory is always taken from the sources: it runs outside the timed loops.
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type * as CoreModule from '../../packages/core/src/index.js'
import type { Bundle, EvaluationInput, TrustState, VerifiedBundle } from '../../packages/core/src/index.js'
import { COMPONENTS, DEVICE, PRODUCT, T0 } from '../../packages/core/src/test-support/factory.js'
import type * as CryptoNodeModule from '../../packages/crypto-node/src/index.js'
import { BUILD_DIR, ensureBuild, REPO } from './build.js'

export const FROM: 'build' | 'src' = process.env.TESSERA_BENCH_FROM === 'src' ? 'src' : 'build'

function entry(pkg: 'core' | 'crypto-node'): string {
  const file =
    FROM === 'src' ? join(REPO, 'packages', pkg, 'src', 'index.ts') : join(BUILD_DIR, pkg, 'index.js')
  return pathToFileURL(file).href
}

if (FROM === 'build') ensureBuild()
export const core: typeof CoreModule = await import(entry('core'))
export const cryptoNode: typeof CryptoNodeModule = await import(entry('crypto-node'))

/** For notes: which code was timed. */
export const ORIGIN = FROM === 'src' ? 'sources via tsx' : 'sources compiled by tsc (bench/results/build)'

/** A moment inside the factory lease's active window (renewal is due at T0 + 3 days). */
export const NOW = T0 + 3600

/** The decision input of an app that is activated, online an hour ago, on the bound device. */
export function decisionInput(
  bundle: Bundle | VerifiedBundle,
  trust: TrustState,
  now = NOW,
): EvaluationInput {
  return {
    now,
    store: 'ok',
    bundle,
    trust,
    device: { id: DEVICE.thumbprint, components: COMPONENTS },
    clock: { trustedTime: T0, trustedAt: T0, highWater: T0 },
    app: { product: PRODUCT, version: '1.4.2', essential: ['view'] },
  }
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

/** A raw Ed25519 public key as a node:crypto KeyObject, imported the way crypto-node does. */
export function importEd25519(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' })
}

/** One signature of a bundle, ready for a raw node:crypto verify: message, signature, raw key. */
export interface RawSignature {
  message: Uint8Array
  signature: Uint8Array
  publicKey: Uint8Array
}

/**
 * Every signature a cold decision checks (chain links, key set, lease, access, status), split
 * out with core's own decoder (outside any timing) and matched with the key that signed it.
 */
export function bundleSignatures(bundle: Bundle, trust: TrustState): RawSignature[] {
  const { decodeJws, publicKeyBytes, utf8Encode, verifyBundle } = core
  if (bundle.chain.length > 0) throw new Error('bundleSignatures: rotation chains are not covered')
  const verified = verifyBundle(bundle, trust, cryptoNode.nodeCrypto)
  const root = trust.roots.find(
    (jwk) => core.jwkThumbprint(jwk, cryptoNode.nodeCrypto) === verified.keyset.rootKid,
  )
  if (!root) throw new Error('bundleSignatures: root not found')
  const parts = [
    ['keyset', bundle.keyset],
    ['lease', bundle.lease],
    ['access', bundle.access],
    ['status', bundle.status],
  ] as const
  return parts.map(([kind, token]) => {
    const jws = decodeJws(token, kind)
    const publicKey = kind === 'keyset' ? publicKeyBytes(root) : verified.keyset.keys.get(jws.kid)?.publicKey
    if (!publicKey) throw new Error(`bundleSignatures: no key for ${kind}`)
    return { message: utf8Encode(jws.signingInput), signature: jws.signature, publicKey }
  })
}
