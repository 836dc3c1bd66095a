/**
 * Long token fuzz run: ≥ 100,000 mutations of every valid token vector through its core verifier
 * (spec/fuzz/fuzz-tokens.ts). Every mutant must be refused with a coded error; failures must be 0.
 * Reports counts and the slowest case; exits 1 when any failure is found.
 *
 *   npx tsx bench/fuzz-tokens.bench.ts        FUZZ_CASES=500000 FUZZ_SEED=7 to change the run
 */
import { nodeCrypto } from '../packages/crypto-node/src/index.js'
import { fuzzTokens } from '../spec/fuzz/fuzz-tokens.js'
import { emit } from './lib/report.js'

const cases = Number(process.env.FUZZ_CASES ?? 100_000)
const seed = Number(process.env.FUZZ_SEED ?? 20_261_129)
const started = performance.now()
const report = fuzzTokens({ cases, seed, crypto: nodeCrypto })
const seconds = (performance.now() - started) / 1000
const perCaseUs = (seconds * 1e6) / Math.max(1, report.cases)
process.stderr.write(
  `fuzz-tokens: ${report.cases} cases, ${report.rejected} rejected, ${report.unchanged} unchanged, ` +
    `${report.failures.length} failures, slowest ${report.slowestMs.toFixed(2)} ms, ${seconds.toFixed(1)} s\n`,
)
for (const f of report.failures.slice(0, 20))
  process.stderr.write(`  FAIL ${f.kind} ${f.name}: ${f.problem}\n    ${f.token}\n`)
emit({
  bench: 'fuzz-tokens',
  metrics: [
    {
      name: 'slowest mutant',
      unit: 'us',
      value: Math.round(report.slowestMs * 1000),
      baseline: null,
      baselineLabel: null,
      ratio: null,
      target: { on: 'value', max: 1_000_000 },
      detail: {
        seed,
        cases: report.cases,
        rejected: report.rejected,
        unchanged: report.unchanged,
        failures: report.failures.length,
        failureSamples: report.failures.slice(0, 20),
        seconds,
      },
    },
    {
      name: 'mean mutant',
      unit: 'us',
      value: Math.round(perCaseUs * 100) / 100,
      baseline: null,
      baselineLabel: null,
      ratio: null,
      target: null,
    },
  ],
  notes: [
    `${report.cases} cases (seed ${seed}): ${report.rejected} rejected with a coded error, ${report.unchanged} unchanged, ${report.failures.length} failures`,
  ],
})
if (report.failures.length > 0) process.exitCode = 1
