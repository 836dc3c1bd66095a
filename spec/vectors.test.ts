import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { REASON_CODES } from '../packages/core/src/index.js'
import { nobleCrypto } from '../packages/core/src/noble.js'
import { makeBundle } from '../packages/core/src/test-support/factory.js'
import { nodeCrypto } from '../packages/crypto-node/src/index.js'
import { generateVectors, serialize, VECTORS_DIR } from './generate-vectors.js'
import { type JsonVectorFile, KINDS, runVector } from './run-vector.js'

const FILES: [string, JsonVectorFile][] = readdirSync(VECTORS_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => [name, JSON.parse(readFileSync(`${VECTORS_DIR}${name}`, 'utf8')) as JsonVectorFile])

const PROVIDERS = [
  ['noble', nobleCrypto],
  ['node', nodeCrypto],
] as const

describe.each(PROVIDERS)('spec vectors with the %s provider', (_provider, crypto) => {
  describe.each(FILES)('%s', (_file, file) => {
    it.each(file.vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
      const result = runVector(file, v, crypto)
      expect(result.outcome).toEqual(v.expect)
      if (v.steps) expect(result.steps).toEqual(v.steps.map((s) => s.expect))
    })
  })
})

describe('spec vector files', () => {
  it('are exactly what the generator writes (no drift from the code)', () => {
    const generated = generateVectors()
    expect(FILES.map(([name]) => name)).toEqual(Object.keys(generated).sort())
    for (const [name, file] of Object.entries(generated)) {
      expect(readFileSync(`${VECTORS_DIR}${name}`, 'utf8'), name).toBe(serialize(file))
    }
  })

  it('cover every kind with a valid and an invalid vector', () => {
    const all = FILES.flatMap(([, f]) => f.vectors)
    const outcomes = (v: (typeof all)[number]) => [v.expect, ...(v.steps ?? []).map((s) => s.expect)]
    for (const kind of KINDS) {
      const of = all.filter((v) => v.kind === kind).flatMap(outcomes) as Record<string, unknown>[]
      expect(
        of.some((e) => e.valid === true || (e.decision as { state?: string })?.state === 'active'),
        kind,
      ).toBe(true)
      expect(
        of.some((e) => e.valid === false || (e.decision as { state?: string })?.state === 'invalid'),
        kind,
      ).toBe(true)
    }
  })

  it('hold in decision.json a decision with each reason code', () => {
    const decisions = FILES.find(([name]) => name === 'decision.json')![1].vectors
    const seen = new Set(
      decisions.flatMap((v) => (v.expect as { decision?: { reasons?: string[] } }).decision?.reasons ?? []),
    )
    expect(REASON_CODES.filter((code) => !seen.has(code))).toEqual([])
  })

  it('have unique names within each file', () => {
    for (const [name, file] of FILES) {
      const names = file.vectors.map((v) => v.name)
      expect(new Set(names).size, name).toBe(names.length)
    }
  })

  it('hold in bundle.json the same bundle as test-support makeBundle()', async () => {
    const bundle = FILES.find(([name]) => name === 'bundle.json')![1].context.bundle
    expect(bundle).toEqual(await makeBundle())
  })
})
