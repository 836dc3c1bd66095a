/**
 * Client startup: wall time from spawning `node app.mjs` to its exit, where the tiny app imports
 * the BUILT client (packages/client/dist), opens a store activated beforehand against a real
 * server, and calls check() (bench/fixtures/client-startup.mjs). Baseline: `node -e 0`, spawned
 * the same way in the same run, runs alternating so machine drift hits both alike. Target ≤ 2×.
 *
 * The app also reports in-process milestones (performance.now(), ms since its process started):
 * import done, store opened, decision made; their medians go to `detail` and the notes, to show
 * where the time goes.
 *
 *   TESSERA_BENCH_RUNS=40   spawns of each (default 30, after 3 warm-up spawns of each)
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { activatedStore, buildClient } from './fixtures/client-fixture.js'
import { REPO } from './lib/build.js'
import { emit } from './lib/report.js'

const RUNS = Number(process.env.TESSERA_BENCH_RUNS ?? 30)
const WARMUP = 3
const APP = join(REPO, 'bench', 'fixtures', 'client-startup.mjs')

const buildMs = buildClient()
const fixture = await activatedStore()
const configArg = JSON.stringify(fixture.config)

interface Milestones {
  state: string
  started: number
  imported: number
  opened: number
  decided: number
}

/** Spawns node with `args` and returns wall milliseconds to exit (and its stdout). */
function timeSpawn(args: string[]): { ms: number; stdout: string } {
  const t = performance.now()
  const r = spawnSync(process.execPath, args, {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  const ms = performance.now() - t
  if (r.status !== 0) throw new Error(`node ${args[0]} exited ${r.status}: ${r.stderr}`)
  return { ms, stdout: r.stdout }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

const app: number[] = []
const base: number[] = []
const milestones: Milestones[] = []
try {
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const b = timeSpawn(['-e', '0'])
    const a = timeSpawn([APP, configArg])
    const m = JSON.parse(a.stdout.trim().split('\n').pop()!) as Milestones
    if (m.state !== 'active') throw new Error(`the app decided ${m.state}, expected active`)
    if (i < WARMUP) continue
    base.push(b.ms)
    app.push(a.ms)
    milestones.push(m)
  }
} finally {
  await fixture.stop()
}

const appMs = median(app)
const baseMs = median(base)
const ratio = appMs / baseMs
const pairs = app.map((a, i) => a / base[i]!)
const mid = {
  scriptStart: median(milestones.map((m) => m.started)),
  imported: median(milestones.map((m) => m.imported)),
  opened: median(milestones.map((m) => m.opened)),
  decided: median(milestones.map((m) => m.decided)),
}
process.stderr.write(
  `client-startup: app ${appMs.toFixed(1)} ms vs node -e 0 ${baseMs.toFixed(1)} ms (${ratio.toFixed(2)}×)\n`,
)

emit({
  bench: 'client-startup',
  metrics: [
    {
      name: 'process start → decision (spawn to exit)',
      unit: 'us',
      value: appMs * 1000,
      baseline: baseMs * 1000,
      baselineLabel: 'node -e 0',
      ratio,
      target: { on: 'ratio', max: 2 },
      detail: {
        runs: RUNS,
        pairedRatio: median(pairs),
        appMinMs: Math.min(...app),
        appMaxMs: Math.max(...app),
        baseMinMs: Math.min(...base),
        baseMaxMs: Math.max(...base),
        inProcessMs: mid,
        clientBuildMs: buildMs,
      },
    },
  ],
  notes: [
    `in the app (ms since process start, medians): script starts ${mid.scriptStart.toFixed(1)}, ` +
      `client imported ${mid.imported.toFixed(1)}, store opened ${mid.opened.toFixed(1)}, decision ${mid.decided.toFixed(1)}`,
  ],
})
