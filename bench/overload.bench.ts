/**
 * Overload: drive a real server (its own child process, 127.0.0.1) far beyond capacity with
 * autocannon and check that it sheds load (503 OVERLOADED + Retry-After) instead of collapsing.
 *
 * Phases, each bounded in time: normal load (a few connections) → overload (many connections,
 * TESSERA_BENCH_SECONDS, default 10) → quiet. Throughout, a prober sends one request at a time
 * (fresh proof-free GET /v1/time: an Ed25519 signature per request) and records the latency of the
 * requests the server admitted (200), so "p99 of admitted requests" is measured apart from the shed
 * ones. The same run is repeated with shedding disabled for comparison.
 *
 * Reported: shed rate, p99 of admitted requests under overload vs at normal load (ratio; target ≤ 10),
 * 5xx other than 503 OVERLOADED (must be 0), socket errors, and recovery: seconds after the load
 * stops until the prober's latency is back within 2 × the normal p99.
 *
 *   npx tsx bench/overload.bench.ts            (or through bench/run-all.ts; needs packages/server/dist)
 *   TESSERA_BENCH_SECONDS=10 TESSERA_BENCH_CONNECTIONS=1000
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { emit, type Metric } from './lib/report.js'
import { startServeChild } from './lib/serve-child.js'

const SELF = fileURLToPath(import.meta.url)
const REPO = join(SELF, '..', '..')
const SECONDS = Number(process.env.TESSERA_BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.TESSERA_BENCH_CONNECTIONS ?? 1000)
const NORMAL_CONNECTIONS = 4
const NORMAL_SECONDS = 3
const RECOVERY_LIMIT_S = 10
const PATH = '/v1/time'
/** Shedding as configured for the bench: tight enough that it engages on this machine. */
const SHEDDING = {
  maxInFlight: 64,
  maxEventLoopDelayMs: 200,
  maxUtilization: 0.9,
  retryAfterSeconds: 1,
  sampleIntervalMs: 100,
}

const startChild = (dataDir: string, shedding: boolean) => startServeChild(SELF, { dataDir, shedding })

interface CannonResult {
  requests: { total: number }
  latency: { p99: number }
  duration: number
  errors: number
  timeouts: number
  statusCodeStats: Record<string, { count: number }>
}
type Autocannon = (o: {
  url: string
  connections: number
  duration: number
  timeout?: number
}) => Promise<CannonResult>
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

/** One request at a time until stopped; latency (ms) of each admitted (200) request, and what the others were. */
function probe(url: string) {
  const admitted: { at: number; ms: number }[] = []
  const other: Record<string, number> = {}
  let running = true
  const done = (async () => {
    while (running) {
      const t0 = performance.now()
      try {
        const res = await fetch(url + PATH, { signal: AbortSignal.timeout(30_000) })
        await res.arrayBuffer()
        if (res.status === 200) admitted.push({ at: Date.now(), ms: performance.now() - t0 })
        else {
          other[res.status] = (other[res.status] ?? 0) + 1
          // A client that keeps Retry-After, as the SDK does (the flood does not).
          const wait = Number(res.headers.get('retry-after') ?? 0) * 1000
          await new Promise((r) => setTimeout(r, Math.max(20, wait)))
        }
      } catch {
        other.error = (other.error ?? 0) + 1
        await new Promise((r) => setTimeout(r, 20))
      }
    }
  })()
  return {
    admitted,
    other,
    stop: async () => {
      running = false
      await done
    },
  }
}

const p99 = (xs: number[]) => {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]!
}

interface Run {
  shedding: boolean
  normalP99Ms: number
  normalRps: number
  overloadAdmittedP99Ms: number
  overloadProbeAdmitted: number
  overloadRequests: number
  overloadRps: number
  shed: number
  shedRate: number
  other5xx: number
  socketErrors: number
  statusCodes: Record<string, number>
  recoverySeconds: number | null
}

async function runOnce(shedding: boolean): Promise<Run> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-overload-'))
  const child = await startChild(dataDir, shedding)
  try {
    await autocannon({ url: child.url + PATH, connections: NORMAL_CONNECTIONS, duration: 1 }) // warm-up
    let prober = probe(child.url)
    const normal = await autocannon({
      url: child.url + PATH,
      connections: NORMAL_CONNECTIONS,
      duration: NORMAL_SECONDS,
    })
    await prober.stop()
    const normalP99Ms = p99(prober.admitted.map((x) => x.ms))

    process.stderr.write(
      `overload [shedding ${shedding ? 'on' : 'off'}]: ${CONNECTIONS} connections for ${SECONDS} s\n`,
    )
    prober = probe(child.url)
    const over = await autocannon({
      url: child.url + PATH,
      connections: CONNECTIONS,
      duration: SECONDS,
      timeout: 30,
    })
    const stoppedAt = Date.now()
    await prober.stop()
    const overloadAdmitted = prober.admitted.filter((x) => x.at <= stoppedAt).map((x) => x.ms)

    // Recovery: first moment after the load stops from which 20 consecutive probes are within 2 × normal p99.
    let recoverySeconds: number | null = null
    const rec = probe(child.url)
    const deadline = Date.now() + RECOVERY_LIMIT_S * 1000
    while (Date.now() < deadline && recoverySeconds === null) {
      await new Promise((r) => setTimeout(r, 50))
      const last = rec.admitted.slice(-20)
      if (last.length === 20 && last.every((x) => x.ms <= Math.max(2 * normalP99Ms, 5)))
        recoverySeconds = (last[0]!.at - stoppedAt) / 1000
    }
    await rec.stop()

    const codes = Object.fromEntries(Object.entries(over.statusCodeStats).map(([k, v]) => [k, v.count]))
    const total = over.requests.total
    const shed = codes['503'] ?? 0
    const other5xx = Object.entries(codes)
      .filter(([k]) => k.startsWith('5') && k !== '503')
      .reduce((n, [, v]) => n + v, 0)
    return {
      shedding,
      normalP99Ms,
      normalRps: normal.requests.total / normal.duration,
      overloadAdmittedP99Ms: p99(overloadAdmitted),
      overloadProbeAdmitted: overloadAdmitted.length,
      overloadRequests: total,
      overloadRps: total / over.duration,
      shed,
      shedRate: total > 0 ? shed / total : 0,
      other5xx,
      socketErrors: over.errors + over.timeouts,
      statusCodes: codes,
      recoverySeconds: recoverySeconds === null ? null : Math.max(0, recoverySeconds),
    }
  } finally {
    await child.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function shedCheck(): Promise<{ retryAfter: string | null; code: string | null }> {
  // One shed response's headers and body, to report that it is 503 OVERLOADED with Retry-After.
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-overload-'))
  const child = await startChild(dataDir, true)
  try {
    const load = autocannon({ url: child.url + PATH, connections: CONNECTIONS, duration: 3, timeout: 30 })
    let found: { retryAfter: string | null; code: string | null } = { retryAfter: null, code: null }
    const until = Date.now() + 3000
    while (Date.now() < until && found.code === null) {
      const res = await fetch(child.url + PATH).catch(() => null)
      if (res?.status === 503) {
        const body = (await res.json()) as { code?: string }
        found = { retryAfter: res.headers.get('retry-after'), code: body.code ?? null }
      } else await res?.arrayBuffer()
    }
    await load
    return found
  } finally {
    await child.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const on = await runOnce(true)
  const off = await runOnce(false)
  const sample = await shedCheck()
  const metric = (r: Run): Metric => ({
    name: `admitted p99 under ${CONNECTIONS}-conn overload, shedding ${r.shedding ? 'on' : 'off'}`,
    unit: 'us',
    value: r.overloadAdmittedP99Ms * 1000,
    baseline: r.normalP99Ms * 1000,
    baselineLabel: `p99 at normal load (${NORMAL_CONNECTIONS} connections), same server`,
    ratio: r.overloadAdmittedP99Ms / r.normalP99Ms,
    target: r.shedding ? { on: 'ratio', max: 10 } : null,
    detail: {
      ...r,
      connections: CONNECTIONS,
      seconds: SECONDS,
      path: PATH,
      config: r.shedding ? SHEDDING : null,
    },
  })
  for (const r of [on, off]) {
    process.stderr.write(
      `overload [shedding ${r.shedding ? 'on' : 'off'}]: shed ${(r.shedRate * 100).toFixed(1)}% of ${r.overloadRequests}, ` +
        `admitted p99 ${r.overloadAdmittedP99Ms.toFixed(1)} ms vs normal ${r.normalP99Ms.toFixed(1)} ms, ` +
        `other 5xx ${r.other5xx}, socket errors ${r.socketErrors}, recovery ${r.recoverySeconds ?? `>${RECOVERY_LIMIT_S}`} s\n`,
    )
  }
  const notes = [
    `shed response: 503 ${sample.code ?? '(none seen)'} Retry-After ${sample.retryAfter ?? '(none)'}`,
    `shedding on: ${(on.shedRate * 100).toFixed(1)}% shed, admitted p99 ×${(on.overloadAdmittedP99Ms / on.normalP99Ms).toFixed(1)} of normal, other 5xx ${on.other5xx}, recovery ${on.recoverySeconds ?? `>${RECOVERY_LIMIT_S}`} s`,
    `shedding off: admitted p99 ×${(off.overloadAdmittedP99Ms / off.normalP99Ms).toFixed(1)} of normal, other 5xx ${off.other5xx}, socket errors ${off.socketErrors}`,
  ]
  emit({ bench: 'overload', metrics: [metric(on), metric(off)], notes })
  if (on.other5xx > 0) process.exitCode = 1
}

// Child (--serve): the server, until stdin closes. Parent: the bench.
if (process.argv[2] === '--serve') {
  const config = JSON.parse(process.argv[3]!) as { dataDir: string; shedding: boolean }
  const server = await import(join(REPO, 'packages/server/dist/index.js'))
  await server.initDataDir({ dataDir: config.dataDir, demo: true })
  const s = await server.createServer({
    dataDir: config.dataDir,
    logLevel: false,
    rateLimits: { windowSeconds: 60, perIp: 1e12, perLicense: 1e12 },
    loadShedding: config.shedding ? SHEDDING : false,
  })
  const url = await s.listen({ host: '127.0.0.1', port: 0 })
  process.stdout.write(`LISTENING ${url}\n`)
  process.stdin.resume()
  process.stdin.on('end', () => void s.close().finally(() => process.exit(0)))
} else {
  await main()
}
