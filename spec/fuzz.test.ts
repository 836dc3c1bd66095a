import { describe, expect, it } from 'vitest'
import { nobleCrypto } from '../packages/core/src/noble.js'
import { nodeCrypto } from '../packages/crypto-node/src/index.js'
import { fuzzTokens, seeds } from './fuzz/fuzz-tokens.js'

// A short slice of the parser fuzzing; `npm run bench` runs the long one (≥ 100,000 cases).
describe('token fuzzing (short slice)', () => {
  it('has valid seeds of every single-token kind', () => {
    const kinds = new Set(seeds().map((s) => s.vector.kind))
    expect([...kinds].sort()).toEqual(
      [
        'access',
        'deactivation',
        'keyset',
        'lease',
        'offlineRequest',
        'offlineResponse',
        'policy',
        'proof',
        'status',
        'time',
      ].sort(),
    )
  })

  it.each([
    ['node', nodeCrypto, 1, 3000],
    ['noble', nobleCrypto, 2, 600],
  ])('refuses every mutant with a coded error (%s)', (_name, crypto, seed, cases) => {
    const report = fuzzTokens({ cases, seed, crypto })
    expect(report.failures).toEqual([])
    expect(report.rejected + report.unchanged).toBe(report.cases)
  })
})
