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
 * Two shapes of the same app: importing the client's ES modules as published (about a hundred
 * files), and the client bundled into one file with esbuild, as desktop and Electron apps ship
 * it. The target applies to the bundled shape; the module shape is reported beside it.
 *
 *   TESSERA_BENCH_RUNS=40   spawns of each (default 30, after 3 warm-up spawns of each)
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildSync } from 'esbuild'
import { activatedStore, buildClient } from './fixtures/client-fixture.js'
import { REPO } from './lib/build.js'
import { emit } from './lib/report.js'

const RUNS = Number(process.env.TESSERA_BENCH_RUNS ?? 30)
const WARMUP = 3
const APP = join(REPO, 'bench', 'fixtures', 'client-startup.mjs')

const buildMs = buildClient()
const fixture = await activatedStore()
const configArg = JSON.stringify(fixture.config)
const BUNDLE = join(REPO, 'bench', 'results', 'client-bundle.mjs')
buildSync({
  entryPoints: [new URL(fixture.config.clientUrl).pathname],
  bundle: true,
  platform: 'node',
  format: 'esm',
  minify: true,
  outfile: BUNDLE,
  logLevel: 'error',
})
const bundledArg = JSON.stringify({ ...fixture.config, clientUrl: pathToFileURL(BUNDLE).href })

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
const bundled: number[] = []
const base: number[] = []
const milestones: Milestones[] = []
const decided = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Milestones
try {
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const b = timeSpawn(['-e', '0'])
    const a = timeSpawn([APP, configArg])
    const c = timeSpawn([APP, bundledArg])
    const m = decided(a.stdout)
    if (m.state !== 'active' || decided(c.stdout).state !== 'active')
      throw new Error('the app did not decide active')
    if (i < WARMUP) continue
    base.push(b.ms)
    app.push(a.ms)
    bundled.push(c.ms)
    milestones.push(m)
  }
} finally {
  await fixture.stop()
}

const appMs = median(app)
const bundledMs = median(bundled)
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
      name: 'process start → decision, bundled client (spawn to exit)',
      unit: 'us',
      value: bundledMs * 1000,
      baseline: baseMs * 1000,
      baselineLabel: 'node -e 0',
      ratio: bundledMs / baseMs,
      target: { on: 'ratio', max: 2 },
      detail: { runs: RUNS, pairedRatio: median(bundled.map((c, i) => c / base[i]!)) },
    },
    {
      name: 'process start → decision, client as ES modules',
      unit: 'us',
      value: appMs * 1000,
      baseline: baseMs * 1000,
      baselineLabel: 'node -e 0',
      ratio,
      target: null,
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
