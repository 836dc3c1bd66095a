/**
 * Warm check(): the BUILT client (packages/client/dist) opened on a store activated against a real
 * server, then `check()` again and again, as an app asks before each guarded action (the bundle
 * was verified once at open; every check evaluates the chain for the current time, observes
 * changes and clock marks). Baseline: ONE raw node:crypto Ed25519 verify (`verify(null, …)`) on a
 * pre-imported KeyObject, of a lease-sized message, batches alternating. Target ≤ 0.1×.
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto'
import { activatedStore, buildClient, CLIENT_DIST_URL } from './fixtures/client-fixture.js'
import { type Body, compare, expectChecksum } from './lib/measure.js'
import { emit, timingMetric } from './lib/report.js'

buildClient()
const fixture = await activatedStore()
const { openClient } = (await import(CLIENT_DIST_URL)) as typeof import('../packages/client/src/index.js')
const client = await openClient({ ...fixture.config })
const first = client.check()
if (first.state !== 'active') throw new Error(`check() gave ${first.state}, expected active`)
const FEATURES = first.features.length

const check: Body = () => {
  const decision = client.check()
  return decision.state === 'active' ? decision.features.length : -1e9
}

const { publicKey, privateKey } = generateKeyPairSync('ed25519')
const message = Buffer.alloc(600, 'eyJhbGciOiJFZERTQSJ9')
const signature = sign(null, message, privateKey)
const rawVerify: Body = () => (verify(null, message, publicKey, signature) ? 1 : 0)

process.stderr.write('client-check: warm check() of the built client vs 1 raw Ed25519 verify\n')
const result = compare(check, rawVerify, { minIterations: 5_000, minTimeMs: 2_000, maxTimeMs: 10_000 })
expectChecksum('check()', result.subject, FEATURES)
expectChecksum('raw verify', result.baseline, 1)

await client.close()
await fixture.stop()

emit({
  bench: 'client-check',
  metrics: [timingMetric('check() warm', result, '1 raw Ed25519 verify', { on: 'ratio', max: 0.1 })],
  notes: [
    `check() ${result.subject.medianUs.toFixed(2)} µs, raw verify ${result.baseline.medianUs.toFixed(2)} µs`,
  ],
})
