import { describe, expect, it } from 'vitest'
import { fuzzHttp } from './http-fuzz.js'

/** The CI slice of the HTTP fuzzer; the long run is bench/fuzz-http.bench.ts. */
describe('HTTP fuzzing (short slice)', () => {
  it('answers ~2,000 mutated requests to every endpoint without a 5xx or a hang', async () => {
    const report = await fuzzHttp({ requests: 2_000, seed: Number(process.env.FUZZ_SEED ?? 20_261_129) })
    expect(report.endpoints).toBeGreaterThan(10)
    expect(report.requests).toBe(2_000)
    expect(report.failures).toEqual([])
    expect(report.byStatusClass['2xx'] ?? 0).toBeGreaterThan(0)
    expect(report.byStatusClass['4xx'] ?? 0).toBeGreaterThan(0)
  }, 240_000)
})
