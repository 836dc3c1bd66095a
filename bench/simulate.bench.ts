/**
 * Fleet simulator throughput: `tessera simulate --devices N --days 30` (the BUILT CLI, real client
 * renewal logic against real in-process servers, one worker thread per core), as wall time per
 * simulated device-day. Baseline: one raw node:crypto Ed25519 sign + verify on pre-imported keys,
 * measured in this process in the same run; every simulated contact costs a few of them (device
 * proof, server signatures, client verifications), so the ratio says how many such pairs of work
 * one device-day costs in wall time.
 *
 * Target (the issue's): 10,000 devices × 30 days within 60 s, i.e. ≥ 5,000 device-days/s, i.e.
 * ≤ 200 µs of wall time per device-day.
 *
 *   TESSERA_BENCH_SIM_DEVICES=2000   fleet size (default 2000; 30 days)
 *   TESSERA_BENCH_SIM_WORKERS=2      worker threads (default: the CLI's, one per core)
 */
import { execFileSync, spawn } from 'node:child_process'
import { generateKeyPairSync, sign, verify } from 'node:crypto'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { PolicyReport } from '../packages/cli/src/simulate/tally.js'
import { REPO } from './lib/build.js'
import { type Body, measure, type Stats } from './lib/measure.js'
import { emit } from './lib/report.js'

const DEVICES = Number(process.env.TESSERA_BENCH_SIM_DEVICES ?? 2000)
const DAYS = 30
const WORKERS = process.env.TESSERA_BENCH_SIM_WORKERS
const TARGET_US_PER_DEVICE_DAY = 1e6 / 5_000

/** `tsc -b packages/cli` (incremental; it builds client, server, core as project references). */
function buildCli(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  // tsc reports on stdout: sent to stderr, this bench's stdout carries only its JSON line
  execFileSync(process.execPath, [tsc, '-b', join(REPO, 'packages', 'cli')], {
    cwd: REPO,
    stdio: ['ignore', 2, 2],
  })
}

type Perf = PolicyReport['perf']

/** Runs the simulator in a child process (progress on stderr) and returns the base column's perf. */
function simulate(): Promise<Perf> {
  const args = ['simulate', '--devices', String(DEVICES), '--days', String(DAYS), '--json']
  if (WORKERS) args.push('--workers', WORKERS)
  const child = spawn(process.execPath, [join(REPO, 'packages', 'cli', 'bin', 'tessera.js'), ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  let stdout = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`tessera simulate exited with code ${code}`))
      const report = JSON.parse(stdout) as { columns: { perf: Perf }[] }
      resolve(report.columns[0]!.perf)
    })
  })
}

function signAndVerify(): Body {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const message = Buffer.alloc(400, 7)
  return () => (verify(null, message, publicKey, sign(null, message, privateKey)) ? 1 : 0)
}

buildCli()
const workers = WORKERS ? Number(WORKERS) : availableParallelism()
process.stderr.write(`simulate: ${DEVICES} devices × ${DAYS} days on ${workers} worker(s)\n`)
const pair = signAndVerify()
const before: Stats = measure(pair, { minTimeMs: 1_000, maxTimeMs: 3_000 })
const perf = await simulate()
const after: Stats = measure(pair, { minTimeMs: 1_000, maxTimeMs: 3_000 })
const baselineUs = Math.min(before.medianUs, after.medianUs)
const deviceDays = DEVICES * DAYS
const usPerDeviceDay = (perf.wallSeconds * 1e6) / deviceDays
const rate = deviceDays / perf.wallSeconds

emit({
  bench: 'simulate',
  metrics: [
    {
      name: `simulate, wall time per device-day (${DEVICES} devices × ${DAYS} days, ${workers} workers)`,
      unit: 'us',
      value: usPerDeviceDay,
      baseline: baselineUs,
      baselineLabel: '1 raw Ed25519 sign + verify',
      ratio: usPerDeviceDay / baselineUs,
      // 10,000 × 30 device-days within 60 s
      target: { on: 'value', max: TARGET_US_PER_DEVICE_DAY },
      detail: {
        ...perf,
        workers,
        deviceDays,
        requestsPerDeviceDay: perf.requests / deviceDays,
        serverSharePct: (100 * perf.serverSeconds) / (perf.wallSeconds * workers),
        baselineBefore: before,
        baselineAfter: after,
      },
    },
  ],
  notes: [
    `${DEVICES}×${DAYS} device-days in ${perf.wallSeconds.toFixed(1)} s on ${workers} workers: ` +
      `${rate.toFixed(0)} device-days/s (target ≥ 5,000, i.e. 10,000×30 in ≤ 60 s; ` +
      `at this rate ${((10_000 * DAYS) / rate).toFixed(0)} s); ` +
      `${((perf.serverSeconds / perf.requests) * 1000).toFixed(2)} ms in the server per request, ` +
      `${(perf.requests / deviceDays).toFixed(2)} requests per device-day`,
  ],
})
