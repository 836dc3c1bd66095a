/**
 * Warm decision: `evaluate` on a bundle verified once beforehand (the client keeps the
 * VerifiedBundle in memory and decides again whenever the app asks), against ONE raw
 * node:crypto Ed25519 verify on a pre-imported KeyObject. `now` moves on every iteration, as it
 * does between an app's calls.
 */
import { verify } from 'node:crypto'
import { makeBundle, TRUST } from '../packages/core/src/test-support/factory.js'
import { type Body, compare, expectChecksum } from './lib/measure.js'
import { emit, timingMetric } from './lib/report.js'
import {
  bundleSignatures,
  core,
  cryptoNode,
  decisionInput,
  importEd25519,
  NOW,
  ORIGIN,
} from './lib/tessera.js'

const { evaluate, verifyBundle } = core
const { nodeCrypto } = cryptoNode

const bundle = await makeBundle()
const verified = verifyBundle(bundle, TRUST, nodeCrypto)

const reference = evaluate(decisionInput(verified, TRUST), nodeCrypto)
if (reference.state !== 'active') throw new Error(`fixture decision is ${reference.state}, expected active`)
const FEATURES = reference.features.length

const warmDecision: Body = (i) => {
  const decision = evaluate(decisionInput(verified, TRUST, NOW + (i & 1023)), nodeCrypto)
  return decision.state === 'active' ? decision.features.length : -1e9
}

// The lease's signature: the one a decision would check if it re-verified anything.
const lease = bundleSignatures(bundle, TRUST)[1]!
const leaseKey = importEd25519(lease.publicKey)
const oneVerify: Body = () => (verify(null, lease.message, leaseKey, lease.signature) ? 1 : 0)

process.stderr.write(`decision-warm: timing ${ORIGIN}\n`)
const warm = compare(warmDecision, oneVerify, { minIterations: 20_000, minTimeMs: 1_500, maxTimeMs: 10_000 })
expectChecksum('warm decision', warm.subject, FEATURES)
expectChecksum('raw verify', warm.baseline, 1)

emit({
  bench: 'decision-warm',
  metrics: [timingMetric('warm decision', warm, '1 raw Ed25519 verify', { on: 'ratio', max: 0.1 })],
})
