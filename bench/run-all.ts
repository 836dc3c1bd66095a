/**
 * Runs every bench/*.bench.ts in its own child process, one after the other (so they do not
 * disturb each other), collects the JSON line each prints, and prints one table. Benchmarks
 * report, tests assert: a missed target does not fail the run (exit 0); a bench that crashes or
 * prints no result does (exit 1).
 *
 *   npx tsx bench/run-all.ts [name-filter...]      e.g. `npx tsx bench/run-all.ts cold`
 *   TESSERA_BENCH_FROM=src npx tsx bench/run-all.ts   (time the sources through tsx, no compile)
 *
 * By default core and crypto-node are first compiled with tsc into bench/results/build/ (only
 * when a source changed): see lib/build.ts.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, platform, release } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuild } from './lib/build.js'
import { formatRatio, formatTarget, formatValue, renderTable } from './lib/format.js'
import { type BenchOutput, type Metric, meetsTarget } from './lib/report.js'

const BENCH_DIR = dirname(fileURLToPath(import.meta.url))
const ROOT = dirname(BENCH_DIR)
const TIMEOUT_MS = 180_000

interface BenchRun {
  file: string
  ok: boolean
  durationMs: number
  output: BenchOutput | null
  error: string | null
}

function discover(filters: string[]): string[] {
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort()
}

/** One bench in a fresh Node process (tsx loader, --expose-gc); stderr passes through. */
function runOne(file: string): Promise<BenchRun> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(BENCH_DIR, file)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    })
    let stdout = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    const finish = (error: string | null) => {
      clearTimeout(timer)
      const durationMs = performance.now() - started
      const line = stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('{'))
        .pop()
      let output: BenchOutput | null = null
      if (!error) {
        try {
          output = line ? (JSON.parse(line) as BenchOutput) : null
          if (!output || !Array.isArray(output.metrics)) error = 'no JSON result line on stdout'
        } catch {
          error = 'result line is not valid JSON'
        }
      }
      resolve({ file, ok: error === null, durationMs, output: error ? null : output, error })
    }
    child.on('error', (err) => finish(err.message))
    child.on('close', (code, signal) => {
      finish(code === 0 ? null : signal ? `killed by ${signal}` : `exited with code ${code}`)
    })
  })
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
  } catch {
    return null
  }
}

const files = discover(process.argv.slice(2))
if (files.length === 0) {
  console.error('no bench/*.bench.ts matched')
  process.exit(1)
}

const from = process.env.TESSERA_BENCH_FROM === 'src' ? 'src' : 'build'
if (from === 'build') {
  const build = ensureBuild()
  process.stderr.write(
    build.compiled
      ? `compiled core + crypto-node with tsc in ${(build.ms / 1000).toFixed(1)} s\n`
      : 'compiled core + crypto-node up to date\n',
  )
}
const origin = from === 'src' ? 'sources via tsx' : 'core + crypto-node compiled by tsc'

const runs: BenchRun[] = []
for (const file of files) {
  process.stderr.write(`▶ ${file}\n`)
  const run = await runOne(file)
  process.stderr.write(
    `  ${run.ok ? 'done' : `FAILED: ${run.error}`} in ${(run.durationMs / 1000).toFixed(1)} s\n`,
  )
  runs.push(run)
}

interface Row {
  bench: string
  metric: Metric
  pass: boolean | null
}
const rows: Row[] = runs.flatMap((r) =>
  (r.output?.metrics ?? []).map((metric) => ({ bench: r.output!.bench, metric, pass: meetsTarget(metric) })),
)

const table = renderTable(
  ['bench', 'metric', 'value', 'baseline', 'ratio', 'target', 'pass/fail'],
  [
    ...rows.map(({ bench, metric: m, pass }) => [
      bench,
      m.name,
      formatValue(m.value, m.unit),
      m.baseline === null ? '—' : `${formatValue(m.baseline, m.unit)} (${m.baselineLabel})`,
      formatRatio(m.ratio),
      formatTarget(m.target, m.unit),
      pass === null ? 'info' : pass ? 'pass' : 'FAIL',
    ]),
    ...runs
      .filter((r) => !r.ok)
      .map((r) => [r.file.replace('.bench.ts', ''), '(crashed)', '—', '—', '—', '—', 'ERROR']),
  ],
)

const targeted = rows.filter((r) => r.pass !== null)
const missed = targeted.filter((r) => r.pass === false)
const crashed = runs.filter((r) => !r.ok)
const summary =
  `bench summary: ${targeted.length - missed.length}/${targeted.length} targets met` +
  (missed.length > 0 ? `; MISSED: ${missed.map((r) => `${r.bench} / ${r.metric.name}`).join(', ')}` : '') +
  (crashed.length > 0
    ? `; ${crashed.length} bench(es) FAILED to run: ${crashed.map((r) => r.file).join(', ')}`
    : '')

console.log(`\n${table}\n`)
console.log(`  timed  ${origin}; node ${process.version}; ${cpus()[0]?.model ?? 'cpu?'} ×${cpus().length}`)
const notes = runs.flatMap((r) => (r.output?.notes ?? []).map((n) => `${r.output!.bench}: ${n}`))
for (const note of notes) console.log(`  note  ${note}`)
console.log(`\n${summary}`)

const resultsDir = join(BENCH_DIR, 'results')
mkdirSync(resultsDir, { recursive: true })
const latest = join(resultsDir, 'latest.json')
writeFileSync(
  latest,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      commit: gitCommit(),
      from: origin,
      node: process.version,
      platform: `${platform()} ${release()}`,
      cpu: `${cpus()[0]?.model ?? 'unknown'} ×${cpus().length}`,
      summary,
      rows: rows.map(({ bench, metric, pass }) => ({ bench, ...metric, pass })),
      runs,
    },
    null,
    2,
  )}\n`,
)
console.log(`results: ${relative(process.cwd(), latest)}`)
process.exitCode = crashed.length > 0 ? 1 : 0
