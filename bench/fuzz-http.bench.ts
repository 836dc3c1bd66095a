/**
 * Long HTTP fuzz run: ≥ 100,000 schema-aware mutated requests spread over every endpoint of a
 * real in-process server (e2e/fuzz/http-fuzz.ts, `app.inject`). A 5xx or a hang is a failure and
 * is printed with its request; the run exits 1 when there is any. Counts per status class.
 *
 *   npx tsx bench/fuzz-http.bench.ts           FUZZ_REQUESTS=20000 FUZZ_SEED=7 to change the run
 */
import { fuzzHttp } from '../e2e/fuzz/http-fuzz.js'
import { emit } from './lib/report.js'

const requests = Number(process.env.FUZZ_REQUESTS ?? 100_000)
const seed = Number(process.env.FUZZ_SEED ?? 20_261_129)
const report = await fuzzHttp({ requests, seed })
process.stderr.write(
  `fuzz-http: ${report.requests} requests over ${report.endpoints} endpoints in ${report.seconds} s; ` +
    `${JSON.stringify(report.byStatusClass)}; ${report.failures.length} failures; slowest ${report.slowestMs.toFixed(1)} ms\n`,
)
for (const f of report.failures.slice(0, 20)) process.stderr.write(`  FAIL ${JSON.stringify(f)}\n`)
emit({
  bench: 'fuzz-http',
  metrics: [
    {
      name: 'slowest request',
      unit: 'us',
      value: Math.round(report.slowestMs * 1000),
      baseline: null,
      baselineLabel: null,
      ratio: null,
      target: { on: 'value', max: 5_000_000 },
      detail: { ...report, failures: report.failures.slice(0, 50) },
    },
    {
      name: 'mean request',
      unit: 'us',
      value: Math.round((report.seconds * 1e6) / Math.max(1, report.requests)),
      baseline: null,
      baselineLabel: null,
      ratio: null,
      target: null,
    },
  ],
  notes: [
    `${report.requests} requests (seed ${seed}) over ${report.endpoints} endpoints: ${Object.entries(
      report.byStatusClass,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; failures (5xx/hang) ${report.failures.length}`,
  ],
})
if (report.failures.length > 0) process.exitCode = 1
