/**
 * Client memory: heap growth (heapUsed after full GCs, node --expose-gc) in a fresh child process
 * after importing the BUILT client, `openClient` on a store activated against a real server,
 * `check()` and one `renew()` over real HTTP (bench/fixtures/client-memory.mjs). The server runs
 * in this process, so it does not count. Target ≤ 5 MB for import + open + check + renewal.
 * Baseline, same child, same run: one plain `fetch` of GET /v1/time + JSON parse (the floor of any
 * HTTP exchange in Node; loads undici), done first so the client's figure does not carry it.
 *
 *   TESSERA_BENCH_RUNS=7   children (default 5; the figure is the median)
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { activatedStore, buildClient } from './fixtures/client-fixture.js'
import { REPO } from './lib/build.js'
import { emit } from './lib/report.js'

const RUNS = Number(process.env.TESSERA_BENCH_RUNS ?? 5)
const CHILD = join(REPO, 'bench', 'fixtures', 'client-memory.mjs')

interface ChildResult {
  before: string
  outcome: string
  after: string
  fetchBytes: number
  importBytes: number
  clientBytes: number
  totalBytes: number
  withFetchLoadBytes: number
}

buildClient()
const fixture = await activatedStore()
const configArg = JSON.stringify(fixture.config)

/** The child must run while this process keeps serving: spawnSync would block the server. */
async function runChild(): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', CHILD, configArg], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    })
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (c: string) => {
      out += c
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`memory child exited ${code}`))
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult)
    })
  })
}

const results: ChildResult[] = []
try {
  for (let i = 0; i < RUNS; i++) {
    const r = await runChild()
    if (r.before !== 'active' || r.outcome !== 'renewed' || r.after !== 'active')
      throw new Error(`memory child: ${JSON.stringify(r)}`)
    results.push(r)
  }
} finally {
  await fixture.stop()
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
const total = median(results.map((r) => r.totalBytes))
const importB = median(results.map((r) => r.importBytes))
const clientB = median(results.map((r) => r.clientBytes))
const fetchB = median(results.map((r) => r.fetchBytes))
const cold = median(results.map((r) => r.withFetchLoadBytes))
const mb = (b: number) => `${(b / 1048576).toFixed(2)} MB`
process.stderr.write(
  `client-memory: import ${mb(importB)} + open/check/renew ${mb(clientB)} (fetch ${mb(fetchB)})\n`,
)

emit({
  bench: 'client-memory',
  metrics: [
    {
      name: 'heap growth: import + open + check + renew',
      unit: 'bytes',
      value: total,
      baseline: fetchB,
      baselineLabel: 'one plain fetch + JSON parse',
      ratio: total / fetchB,
      target: { on: 'value', max: 5 * 1024 * 1024 },
      detail: { runs: RUNS, importBytes: importB, openCheckRenewBytes: clientB, perRun: results },
    },
    {
      name: 'heap growth: open + check + renew (client already imported)',
      unit: 'bytes',
      value: clientB,
      baseline: fetchB,
      baselineLabel: 'one plain fetch + JSON parse',
      ratio: clientB / fetchB,
      target: null,
    },
    {
      name: 'heap growth incl. first fetch (undici) load: + plain fetch + import + open + check + renew',
      unit: 'bytes',
      value: cold,
      baseline: fetchB,
      baselineLabel: 'one plain fetch + JSON parse',
      ratio: cold / fetchB,
      target: null,
    },
  ],
  notes: [
    `import ${mb(importB)}, open + check + renew ${mb(clientB)}, plain fetch ${mb(fetchB)} (medians of ${RUNS})`,
  ],
})
