/**
 * Server renewal throughput: POST /v1/renew (device proof verified, replay memory, rate limits,
 * policy, lease row in a transaction, three Ed25519 signatures, audit row) under a fixed
 * concurrency with autocannon, against a hello-world route of Fastify started the same way, in the
 * same run, on SQLite and on PostgreSQL. Both servers run in their own child process on 127.0.0.1
 * (this file, re-entered with --serve), autocannon in this one.
 *
 * Every renewal needs a fresh proof (unique jti, iat within ±300 s), so N devices are activated
 * first and a pool of signed request bodies + headers is prepared before each timed run;
 * autocannon's setupRequest hands out the next one.
 *
 * The target (renewals ≥ 0.25 × hello-world throughput on SQLite) is reported as time per request
 * (1 / throughput): renewal µs ≤ 4 × hello µs. The notes give the figures as rps and the rps ratio,
 * and the ceiling that one renewal's unavoidable Ed25519 work (one verify, three signatures),
 * timed in the same run, puts on that ratio. Both servers run with NODE_ENV=production.
 *
 *   npx tsx bench/server-renewal.bench.ts            (or through bench/run-all.ts)
 *   TESSERA_BENCH_DB=sqlite|postgres                 one database only
 *   TESSERA_BENCH_SECONDS=5 TESSERA_BENCH_CONNECTIONS=16
 *   TESSERA_BENCH_PROFILE=dir                        CPU profile of the timed renewal run, into dir/<db>/
 */
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { createRequire, register } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BUILD_DIR, ensureBuild, REPO } from './lib/build.js'
import { emit, type Metric } from './lib/report.js'
import { type ServeChild, startServeChild } from './lib/serve-child.js'

const SELF = fileURLToPath(import.meta.url)
const FROM: 'build' | 'src' = process.env.TESSERA_BENCH_FROM === 'src' ? 'src' : 'build'
const SECONDS = Number(process.env.TESSERA_BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.TESSERA_BENCH_CONNECTIONS ?? 16)
const WARMUP_SECONDS = 1
const LICENSES = 32
const SEATS = 4
/** Renewal requests signed for the warm-up; then twice what the warm-up rate needs for the run. */
const WARMUP_POOL = 3_000
const MAX_POOL = 200_000
const RATE_LIMITS = { windowSeconds: 60, perIp: 1e12, perLicense: 1e12 }

/**
 * Core and crypto-node as the other benches time them (tsc output in bench/results/build, or the
 * sources with TESSERA_BENCH_FROM=src), whatever state packages/* /dist is in. The server's own
 * sources run through tsx.
 */
function mapTesseraPackages(): void {
  if (FROM === 'build') ensureBuild()
  const entry = (pkg: string) =>
    pathToFileURL(
      FROM === 'src' ? join(REPO, 'packages', pkg, 'src', 'index.ts') : join(BUILD_DIR, pkg, 'index.js'),
    ).href
  const map = { '@tessera/core': entry('core'), '@tessera/crypto-node': entry('crypto-node') }
  const hook = `const map = ${JSON.stringify(map)}
export async function resolve(specifier, context, next) {
  return Object.hasOwn(map, specifier) ? { url: map[specifier], shortCircuit: true } : next(specifier, context)
}`
  register(`data:text/javascript,${encodeURIComponent(hook)}`)
}

mapTesseraPackages()
const server = await import('../packages/server/src/index.js')

// ---------------------------------------------------------------------------------------------
// Child: one server on 127.0.0.1, until stdin closes.

interface ServeConfig {
  kind: 'tessera' | 'hello'
  dataDir?: string
  database?: string
  /** CPU-profile the timed run only: SIGUSR2 starts the profiler, the next one writes it here. */
  profileDir?: string
}

function profileOnSignal(dir: string): void {
  let session: Session | undefined
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!session) {
        session = new Session()
        session.connect()
        await session.post('Profiler.enable')
        await session.post('Profiler.setSamplingInterval', { interval: 200 })
        await session.post('Profiler.start')
        process.stdout.write('PROFILING\n')
        return
      }
      const { profile } = await session.post('Profiler.stop')
      await mkdir(dir, { recursive: true })
      const file = join(dir, `renewal-${Date.now()}.cpuprofile`)
      await writeFile(file, JSON.stringify(profile))
      session.disconnect()
      session = undefined
      process.stdout.write(`PROFILED ${file}\n`)
    })()
  })
}

async function serve(config: ServeConfig): Promise<void> {
  let url: string
  let close: () => Promise<void>
  if (config.kind === 'hello') {
    const { default: Fastify } = await import('fastify')
    const app = Fastify({ logger: false })
    app.get('/hello', async () => ({ hello: 'world' }))
    url = await app.listen({ host: '127.0.0.1', port: 0 })
    close = () => app.close()
  } else {
    const s = await server.createServer({
      dataDir: config.dataDir!,
      ...(config.database ? { database: config.database } : {}),
      logLevel: false,
      rateLimits: RATE_LIMITS,
    })
    url = await s.listen({ host: '127.0.0.1', port: 0 })
    close = () => s.close()
  }
  if (config.profileDir) profileOnSignal(config.profileDir)
  process.stdout.write(`LISTENING ${url}\n`)
  process.stdin.resume()
  process.stdin.on('end', () => {
    void close().finally(() => process.exit(0))
  })
}

// ---------------------------------------------------------------------------------------------
// Parent

type Child = ServeChild

function startChild(config: ServeConfig): Promise<Child> {
  return startServeChild(SELF, config, (line) => {
    if (line.startsWith('PROFILED '))
      process.stderr.write(`server-renewal: CPU profile of the timed run: ${line.slice(9)}\n`)
  }).catch((err: Error) => {
    throw new Error(`${config.kind} server: ${err.message}`)
  })
}

interface Histogram {
  average: number
  p50: number
  p99: number
  max: number
}
interface CannonResult {
  requests: Histogram & { total: number }
  latency: Histogram
  duration: number
  errors: number
  timeouts: number
  non2xx: number
  statusCodeStats: Record<string, { count: number }>
}
interface CannonRequest {
  method: string
  path: string
  headers?: Record<string, string>
  body?: string
  setupRequest?: (request: CannonRequest) => CannonRequest
}
type Autocannon = (options: {
  url: string
  connections: number
  duration: number
  requests: CannonRequest[]
}) => Promise<CannonResult>
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

interface Load {
  rps: number
  p50Us: number
  p99Us: number
  requests: number
  non2xx: number
  errors: number
}

async function load(url: string, requests: CannonRequest[], seconds: number): Promise<Load> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests })
  return {
    rps: r.requests.total / r.duration,
    p50Us: r.latency.p50 * 1000,
    p99Us: r.latency.p99 * 1000,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  }
}

type Db = 'sqlite' | 'postgres'

interface DbResult {
  db: Db
  renew: Load
  hello: Load
  healthz: Load
  devices: number
}

async function runOn(db: Db): Promise<DbResult> {
  const { TestDevice } = await import('../packages/server/src/test-support/test-device.js')
  const { formatLicenseKey, licenseKeyHash } = await import('@tessera/core')
  const { nodeCrypto } = await import('@tessera/crypto-node')
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-bench-'))
  const schema =
    db === 'postgres'
      ? await (await import('../packages/server/src/test-support/pg-schema.js')).pgSchema()
      : undefined
  const database = schema ? { database: schema.url } : {}
  const children: Child[] = []
  try {
    const init = await server.initDataDir({ dataDir, demo: true, ...database })
    const storage = await server.openStorage(schema?.url ?? server.dataFiles(dataDir).database)
    const keys: string[] = []
    try {
      for (let i = 0; i < LICENSES; i++) {
        const key = formatLicenseKey(randomBytes(16))
        await storage.createLicense({
          id: `lic_bench${i}`,
          productId: 'demo',
          policyId: init.demo!.policy,
          keyHash: licenseKeyHash(key, nodeCrypto),
          keyHint: key.slice(-4),
          ownerRef: 'acct_bench',
          edition: 'pro',
          features: ['view', 'edit'],
          seats: SEATS,
          expiresAt: null,
          createdAt: Math.floor(Date.now() / 1000),
        })
        keys.push(key)
      }
    } finally {
      await storage.close()
    }

    const profile = process.env.TESSERA_BENCH_PROFILE
    const tessera = await startChild({
      kind: 'tessera',
      dataDir,
      ...database,
      ...(profile ? { profileDir: join(profile, db) } : {}),
    })
    children.push(tessera)
    const hello = await startChild({ kind: 'hello' })
    children.push(hello)

    // N devices, each activated over HTTP (nonce + proof), SEATS per license.
    process.stderr.write(`server-renewal [${db}]: activating ${LICENSES * SEATS} devices\n`)
    const started = performance.now()
    const devices = Array.from({ length: LICENSES * SEATS }, (_, i) => ({
      device: new TestDevice(),
      license: `lic_bench${Math.floor(i / SEATS)}`,
      key: keys[Math.floor(i / SEATS)]!,
    }))
    for (let i = 0; i < devices.length; i += 16) {
      await Promise.all(
        devices.slice(i, i + 16).map(async ({ device, key }) => {
          const { nonce } = (await (await fetch(`${tessera.url}/v1/nonce`)).json()) as { nonce: string }
          const raw = JSON.stringify({
            product: 'demo',
            licenseKey: key,
            deviceKey: device.jwk,
            fingerprint: device.fingerprint,
          })
          const res = await fetch(`${tessera.url}/v1/activate`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'tessera-proof': await device.proof('POST', '/v1/activate', raw, { nonce }),
            },
            body: raw,
          })
          if (res.status !== 200) throw new Error(`activation failed: ${res.status} ${await res.text()}`)
        }),
      )
    }
    process.stderr.write(
      `server-renewal [${db}]: activated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    )

    // The pool: one fresh proof per renewal, devices in turn. A first slice serves the warm-up,
    // whose rate sizes the rest (so a slow machine does not sign proofs it will never send).
    const pool: { body: string; proof: string }[] = []
    const sign = async (count: number) => {
      const t0 = performance.now()
      for (let target = pool.length + count; pool.length < target; ) {
        const { device, license } = devices[pool.length % devices.length]!
        const body = JSON.stringify({ product: 'demo', license })
        pool.push({ body, proof: await device.proof('POST', '/v1/renew', body) })
      }
      process.stderr.write(
        `server-renewal [${db}]: signed ${count} renewal requests in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
      )
    }
    let next = 0
    const renewRequest: CannonRequest = {
      method: 'POST',
      path: '/v1/renew',
      setupRequest: (request) => {
        // Past the end the pool wraps: the replays are refused (401) and fail the run below.
        const item = pool[next++ % pool.length]!
        return {
          ...request,
          headers: { 'content-type': 'application/json', 'tessera-proof': item.proof },
          body: item.body,
        }
      },
    }
    const helloRequest: CannonRequest = { method: 'GET', path: '/hello' }
    const healthzRequest: CannonRequest = { method: 'GET', path: '/healthz' }

    process.stderr.write(
      `server-renewal [${db}]: warm-up, then ${SECONDS} s each at ${CONNECTIONS} connections\n`,
    )
    await sign(WARMUP_POOL)
    await load(hello.url, [helloRequest], WARMUP_SECONDS)
    const warm = await load(tessera.url, [renewRequest], WARMUP_SECONDS)
    await sign(Math.min(MAX_POOL, Math.ceil(warm.rps * SECONDS * 2) + 2_000))
    const helloLoad = await load(hello.url, [helloRequest], SECONDS)
    if (profile) tessera.proc.kill('SIGUSR2')
    const renewLoad = await load(tessera.url, [renewRequest], SECONDS)
    if (profile) tessera.proc.kill('SIGUSR2')
    const healthzLoad = await load(tessera.url, [healthzRequest], Math.min(SECONDS, 3))
    if (renewLoad.non2xx > 0 || renewLoad.errors > 0 || helloLoad.non2xx > 0) {
      throw new Error(
        `[${db}] failed requests: renew non2xx=${renewLoad.non2xx} errors=${renewLoad.errors}, hello non2xx=${helloLoad.non2xx}`,
      )
    }
    process.stderr.write(
      `server-renewal [${db}]: renew ${renewLoad.rps.toFixed(0)} rps p99 ${(renewLoad.p99Us / 1000).toFixed(1)} ms; ` +
        `hello ${helloLoad.rps.toFixed(0)} rps p99 ${(helloLoad.p99Us / 1000).toFixed(1)} ms; ` +
        `ratio ${(renewLoad.rps / helloLoad.rps).toFixed(3)}\n`,
    )
    return { db, renew: renewLoad, hello: helloLoad, healthz: healthzLoad, devices: devices.length }
  } finally {
    await Promise.all(children.map((c) => c.stop()))
    await schema?.drop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/**
 * Microseconds of the Ed25519 work one renewal cannot avoid (verify the device's proof; sign the
 * lease, the access token and the status receipt), on payloads of their size, in this process.
 * With it, the best ratio any implementation could reach on this machine is
 * hello / (hello + crypto): everything else free.
 */
function renewalCryptoUs(): number {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const [lease, access, status, proof] = [640, 420, 330, 300].map((n) => randomBytes(n))
  const signature = sign(null, proof!, privateKey)
  const once = () => {
    if (!verify(null, proof!, publicKey, signature)) throw new Error('verify failed')
    for (const m of [lease!, access!, status!]) sign(null, m, privateKey)
  }
  for (let i = 0; i < 200; i++) once()
  const n = 3_000
  const t0 = performance.now()
  for (let i = 0; i < n; i++) once()
  return ((performance.now() - t0) * 1000) / n
}

async function main(): Promise<void> {
  const only = process.env.TESSERA_BENCH_DB as Db | undefined
  const dbs: Db[] = only ? [only] : ['sqlite', 'postgres']
  const results: DbResult[] = []
  for (const db of dbs) results.push(await runOn(db))
  const cryptoUs = renewalCryptoUs()

  const metrics: Metric[] = results.flatMap(({ db, renew, hello, healthz, devices }) => {
    const perRequest = (l: Load) => 1e6 / l.rps
    const detail = {
      cryptoUsPerRenewal: cryptoUs,
      ceilingRpsRatio: perRequest(hello) / (perRequest(hello) + cryptoUs),
      renewRps: renew.rps,
      helloRps: hello.rps,
      rpsRatio: renew.rps / hello.rps,
      renewP50Us: renew.p50Us,
      helloP50Us: hello.p50Us,
      tesseraHealthzRps: healthz.rps,
      renewals: renew.requests,
      connections: CONNECTIONS,
      seconds: SECONDS,
      devices,
    }
    return [
      {
        name: `renewal, time per request at ${CONNECTIONS} conns (${db})`,
        unit: 'us',
        value: perRequest(renew),
        baseline: perRequest(hello),
        baselineLabel: 'Fastify hello-world, same set-up',
        ratio: perRequest(renew) / perRequest(hello),
        // ≤ 4× the hello-world time per request ⇔ ≥ 0.25× its throughput; SQLite only.
        target: db === 'sqlite' ? { on: 'ratio', max: 4 } : null,
        detail,
      },
      {
        name: `renewal p99 latency (${db})`,
        unit: 'us',
        value: renew.p99Us,
        baseline: hello.p99Us,
        baselineLabel: 'Fastify hello-world p99',
        ratio: renew.p99Us / hello.p99Us,
        target: null,
      },
    ] satisfies Metric[]
  })
  emit({
    bench: 'server-renewal',
    metrics,
    notes: [
      ...results.map(
        ({ db, renew, hello }) =>
          `${db}: renewals ${renew.rps.toFixed(0)} rps (p99 ${(renew.p99Us / 1000).toFixed(1)} ms) vs hello-world ` +
          `${hello.rps.toFixed(0)} rps (p99 ${(hello.p99Us / 1000).toFixed(1)} ms): rps ratio ${(renew.rps / hello.rps).toFixed(3)}` +
          (db === 'sqlite' ? ' (target ≥ 0.25)' : ''),
      ),
      ...results.map(
        ({ db, hello }) =>
          `${db}: one renewal's Ed25519 work alone takes ${cryptoUs.toFixed(0)} µs, so no implementation could ` +
          `exceed an rps ratio of ${(1e6 / hello.rps / (1e6 / hello.rps + cryptoUs)).toFixed(3)} on this machine`,
      ),
    ],
  })
}

if (process.argv[2] === '--serve') await serve(JSON.parse(process.argv[3]!) as ServeConfig)
else await main()
