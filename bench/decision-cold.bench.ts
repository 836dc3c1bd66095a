/**
 * Cold decision: the bundle as the client reads it from its store (JSON text) → parseBundle →
 * evaluate, which verifies every signature (key set, lease, access, status) and runs the chain.
 * Every iteration parses a fresh text, so nothing is reused but crypto-node's KeyObject cache,
 * as in a real client process. Baseline: the same number of raw node:crypto Ed25519 verifies on
 * pre-imported KeyObjects, i.e. the floor that no amount of optimisation in core can go under.
 *
 * "First-ever" variant: every iteration uses a bundle signed by keys never seen before (root,
 * lease and status key), so crypto-node imports each key (createPublicKey) as in the first
 * decision of a process. Baseline: the same imports + verifies done directly with node:crypto.
 */
import { generateKeyPairSync, type KeyObject, sign as nodeSign, verify } from 'node:crypto'
import type { Bundle, TrustState } from '../packages/core/src/index.js'
import {
  accessClaims,
  keysetClaims,
  keysetEntry,
  leaseClaims,
  makeBundle,
  sign,
  statusClaims,
  type TestKey,
  TRUST,
} from '../packages/core/src/test-support/factory.js'
import { type Body, compare, expectChecksum } from './lib/measure.js'
import { emit, timingMetric } from './lib/report.js'
import { bundleSignatures, core, cryptoNode, decisionInput, importEd25519, ORIGIN } from './lib/tessera.js'

const { evaluate, parseBundle, ed25519Jwk, jwkThumbprint } = core
const { nodeCrypto } = cryptoNode

// --- Cold decision, KeyObject cache warm -----------------------------------------------------

const bundle = await makeBundle()
const text = JSON.stringify(bundle)
const TEXTS = Array.from({ length: 64 }, () => Buffer.from(text, 'utf8').toString('utf8'))
const signatures = bundleSignatures(bundle, TRUST)
const N = signatures.length

const reference = evaluate(decisionInput(parseBundle(JSON.parse(text)), TRUST), nodeCrypto)
if (reference.state !== 'active') throw new Error(`fixture decision is ${reference.state}, expected active`)
const FEATURES = reference.features.length

const coldDecision: Body = (i) => {
  const decision = evaluate(decisionInput(parseBundle(JSON.parse(TEXTS[i & 63]!)), TRUST), nodeCrypto)
  return decision.state === 'active' ? decision.features.length : -1e9
}

const keyObjects = signatures.map((s) => importEd25519(s.publicKey))
const rawVerifies: Body = () => {
  let ok = 0
  for (let k = 0; k < N; k++) {
    const s = signatures[k]!
    if (verify(null, s.message, keyObjects[k]!, s.signature)) ok++
  }
  return ok
}

process.stderr.write(`decision-cold: ${N} signatures per decision; timing ${ORIGIN}\n`)
const cold = compare(coldDecision, rawVerifies, { minIterations: 2_000, minTimeMs: 2_000, maxTimeMs: 12_000 })
expectChecksum('cold decision', cold.subject, FEATURES)
expectChecksum('raw verifies', cold.baseline, N)

// --- First-ever decision: KeyObject cache cold -----------------------------------------------

const WARMUP = 60
const MEASURED = 600
const POOL = WARMUP + MEASURED

/** A fresh Ed25519 key in the factory's TestKey shape, made with node:crypto (fast to generate). */
function freshKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const raw = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'))
  const jwk = ed25519Jwk(raw)
  const secret = new Uint8Array(Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url'))
  return {
    secret,
    publicKey: raw,
    jwk,
    thumbprint: jwkThumbprint(jwk, nodeCrypto),
    sign: (data) => new Uint8Array(nodeSign(null, data, privateKey)),
  }
}

interface FirstEver {
  text: string
  trust: TrustState
  /** Distinct raw keys (root, lease, status) and, per signature, which of them verifies it. */
  keys: Uint8Array[]
  signatures: { message: Uint8Array; signature: Uint8Array; key: number }[]
}

async function firstEverFixture(): Promise<FirstEver> {
  const root = freshKey()
  const leaseKey = freshKey()
  const statusKey = freshKey()
  const keys = [
    keysetEntry('k-lease-1', leaseKey, ['lease']),
    keysetEntry('k-status-1', statusKey, ['status', 'time']),
  ]
  const b: Bundle = {
    v: 1,
    chain: [],
    keyset: await sign('keyset', root, root.thumbprint, keysetClaims({ keys })),
    lease: await sign('lease', leaseKey, 'k-lease-1', leaseClaims()),
    access: await sign('access', leaseKey, 'k-lease-1', accessClaims()),
    status: await sign('status', statusKey, 'k-status-1', statusClaims()),
  }
  const trust: TrustState = { roots: [root.jwk], keysetVersion: 0, rootVersion: 0 }
  const distinct: Uint8Array[] = []
  const index = (key: Uint8Array) => {
    const at = distinct.findIndex((k) => Buffer.compare(k, key) === 0)
    return at >= 0 ? at : distinct.push(key) - 1
  }
  // Not bundleSignatures(): it verifies through nodeCrypto, which would warm its key cache.
  const signers = [root, leaseKey, leaseKey, statusKey]
  const tokens = [b.keyset, b.lease, b.access, b.status]
  const sigs = tokens.map((token, k) => {
    const dot = token.lastIndexOf('.')
    return {
      message: new Uint8Array(Buffer.from(token.slice(0, dot), 'ascii')),
      signature: new Uint8Array(Buffer.from(token.slice(dot + 1), 'base64url')),
      key: index(signers[k]!.publicKey),
    }
  })
  return { text: JSON.stringify(b), trust, keys: distinct, signatures: sigs }
}

const pool: FirstEver[] = []
for (let i = 0; i < POOL; i++) pool.push(await firstEverFixture())

const firstEverDecision: Body = (i) => {
  const f = pool[i]
  if (!f) throw new Error('first-ever pool exhausted')
  const decision = evaluate(decisionInput(parseBundle(JSON.parse(f.text)), f.trust), nodeCrypto)
  return decision.state === 'active' ? decision.features.length : -1e9
}

const importAndVerify: Body = (i) => {
  const f = pool[i]
  if (!f) throw new Error('first-ever pool exhausted')
  const imported: KeyObject[] = f.keys.map(importEd25519)
  let ok = 0
  for (const s of f.signatures) if (verify(null, s.message, imported[s.key]!, s.signature)) ok++
  return ok
}

const first = compare(firstEverDecision, importAndVerify, {
  warmupIterations: WARMUP,
  warmupMs: 0,
  warmupMaxIterations: WARMUP,
  minIterations: MEASURED,
  minTimeMs: 0,
  maxIterations: MEASURED,
  maxTimeMs: 15_000,
  batchMs: 5,
})
expectChecksum('first-ever decision', first.subject, FEATURES)
expectChecksum('import + verify', first.baseline, N)

const keysPerDecision = pool[0]!.keys.length
const firstMetric = timingMetric(
  'first-ever decision (key cache cold)',
  first,
  `${keysPerDecision} key imports + ${N} raw verifies`,
  null,
)
firstMetric.detail = {
  ...firstMetric.detail,
  ratioToRawVerifies: first.subject.medianUs / cold.baseline.medianUs,
}

emit({
  bench: 'decision-cold',
  metrics: [
    timingMetric('cold decision', cold, `${N} raw Ed25519 verifies`, { on: 'ratio', max: 1.5 }),
    firstMetric,
  ],
  notes: [
    `first-ever ÷ ${N} raw verifies = ${(first.subject.medianUs / cold.baseline.medianUs).toFixed(2)}×`,
  ],
})
