// SIGKILL at the client level: a child process runs the app (openClient) on a store with an
// activated license and renews against the real server over HTTP in a loop — every renewal
// replaces the license record and queues and uploads telemetry, checks persist clock marks — and
// is killed at random points, many times. After every kill a fresh client must open the store,
// decide with the old or the new lease (never a corrupt or limited state from a torn write), and
// sweep the dead writer's temp files. crash.test.ts does the same for one sealed file.
import { randomBytes } from 'node:crypto'
import { watch } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readRootJwk } from '../../../server/src/keys/data-dir.js'
import { type RunningServer, startTestServer } from '../../../server/src/test-support/test-server.js'
import { openClient } from '../client.js'
import { type ChildConfig, childClientOptions, sharedNow } from '../test-support/child-client-options.js'
import { bundleChild, runChild } from '../test-support/child-process.js'
import { DEVICE_KEY_FILE, IDENTITY_FILE, LICENSE_FILE, TELEMETRY_FILE } from './records.js'
import { type FileCodec, SealedStore } from './sealed-store.js'

const KILLS = 100
/** Stores killed in parallel (the demo license has 3 seats). */
const STORES = 3
/** Wall-clock budget of the kill rounds; fewer kills are made (and reported) if it runs out. */
const BUDGET_MS = 120_000
const SPEED = 120
const ALL = ['edit', 'export', 'sync', 'view']
/** The temp file of an atomic write of a sealed file: .<name>.tsr.<pid>.<hex>.tmp */
const TSR_TEMP = /^\.[a-z-]+\.tsr\.(\d+)\.[0-9a-f]+\.tmp$/
const LOCKS = /^\.(renew\.|telemetry\.)?lock$/
const SEALED_FILES = [LICENSE_FILE, IDENTITY_FILE, DEVICE_KEY_FILE, TELEMETRY_FILE] as FileCodec<unknown>[]

let work: string
let child: string
let srv: RunningServer
const sharedClock = { base: Math.floor(Date.now() / 1000), startMs: Date.now(), speed: SPEED }
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tessera-client-crash-'))
  child = await bundleChild(
    new URL('../test-support/crash-client.ts', import.meta.url),
    join(work, 'crash-client.mjs'),
  )
  srv = await startTestServer({
    now: () => Math.floor(sharedNow(sharedClock)()),
    rateLimits: { windowSeconds: 60, perIp: 1e9, perLicense: 1e9 },
    loadShedding: false,
  })
})
afterAll(async () => {
  await srv?.stop()
  await rm(work, { recursive: true, force: true })
})

type Mode = 'mid-write' | 'mid-renewal' | 'random'

interface Tally {
  kills: number
  /** Kills after which a temp file of the killed child's sealed write was found: it died mid-write. */
  midWrite: number
  /** Kills sent the moment a temp file of a sealed write appeared. */
  onWriteStart: number
  /** Kills with a renewal request in flight (sent, answer not yet stored or reported). */
  inFlight: number
  /** Kills after which the store held a lease the child had not reported (stored, then killed). */
  unreported: number
  orphanTemps: number
  staleLocks: number
  renewals: number
}

interface Round {
  mode: Mode
  /** Which write start or renewal (1-based) triggers the kill; for `random`, milliseconds after ready. */
  at: number
}

/** One child on `config`, killed as `round` says. Returns its pid and stdout lines. */
async function killRound(
  config: ChildConfig,
  round: Round,
  tally: Tally,
): Promise<{ pid: number; lines: string[] }> {
  let writes = 0
  const running = runChild(child, config, (line) => {
    if (round.mode === 'random' && line === 'ready') setTimeout(kill, round.at)
    if (round.mode === 'mid-renewal' && line === `renewing ${round.at}`) kill()
  })
  const pid = running.process.pid
  const watcher = watch(config.storeDir, (_event, name) => {
    const match = name ? TSR_TEMP.exec(name) : null
    if (round.mode === 'mid-write' && match && Number(match[1]) === pid && ++writes === round.at) {
      tally.onWriteStart++
      kill()
    }
  })
  function kill() {
    running.process.kill('SIGKILL')
  }
  const fuse = setTimeout(kill, 5000) // a trigger that never comes
  await running.exited
  clearTimeout(fuse)
  watcher.close()
  tally.kills++
  return { pid: pid ?? -1, lines: running.lines }
}

/** What a fresh process finds after the kill: readable files, a valid decision, swept temps. */
async function afterKill(
  config: ChildConfig,
  sealed: SealedStore,
  pid: number,
  lines: string[],
  tally: Tally,
  leases: Map<string, number>,
) {
  const names = await readdir(config.storeDir)
  tally.orphanTemps += names.filter((n) => n.endsWith('.tmp')).length
  tally.staleLocks += names.filter((n) => LOCKS.test(n)).length
  if (names.some((n) => Number(TSR_TEMP.exec(n)?.[1]) === pid)) tally.midWrite++
  for (const codec of SEALED_FILES) {
    const found = await sealed.read(codec)
    expect(found.status, `${codec.name} after a kill`).not.toBe('corrupt')
  }
  // leases the child reported as renewed were stored before it said so
  let reported = 0
  for (const line of lines) {
    const [word, , outcome, jti, iat] = line.split(' ')
    if (word !== 'renewed' || outcome !== 'renewed' || !jti) continue
    leases.set(jti, Number(iat))
    reported = Math.max(reported, Number(iat))
    tally.renewals++
  }
  const inFlight = lines.at(-1)?.startsWith('renewing') ?? false
  if (inFlight) tally.inFlight++

  const client = await openClient(childClientOptions(config))
  try {
    const decision = client.check()
    expect(decision).toMatchObject({ state: 'active', features: ALL, reasons: [] })
    const lease = decision.license!
    expect(lease.issuedAt).toBeGreaterThanOrEqual(reported)
    expect(lease.issuedAt).toBeGreaterThanOrEqual(Math.max(...leases.values()))
    if (!leases.has(lease.lease)) {
      // the answer of the renewal in flight was stored, and the kill came before the report
      expect(inFlight, `unknown lease ${lease.lease}`).toBe(true)
      leases.set(lease.lease, lease.issuedAt)
      tally.unreported++
    }
    const left = (await readdir(config.storeDir)).filter((n) => n.endsWith('.tmp'))
    expect(left, 'temp files of the dead writer are swept at open').toEqual([])
  } finally {
    await client.close()
  }
}

async function worker(index: number, kills: number, until: number, tally: Tally): Promise<void> {
  const config: ChildConfig = {
    storeDir: join(work, `store-${index}`),
    serverUrl: srv.url,
    product: 'demo',
    root: await readRootJwk(srv.dataDir),
    storeKey: randomBytes(32).toString('hex'),
    clock: sharedClock,
    machine: `m${index}`,
  }
  await mkdir(config.storeDir)
  const sealed = new SealedStore(config.storeDir, 'demo', Buffer.from(config.storeKey, 'hex'))
  const first = await openClient(childClientOptions(config))
  const activated = await first.activate(srv.init.demo!.licenseKey)
  expect(activated.state).toBe('active')
  await first.close()
  const leases = new Map([[activated.license!.lease, activated.license!.issuedAt]])
  const modes: Mode[] = ['mid-write', 'mid-renewal', 'random']
  for (let round = 0; round < kills && Date.now() < until; round++) {
    const mode = modes[round % 3]!
    // a renewal makes about three sealed writes (license record, telemetry queued, then uploaded)
    const at = mode === 'random' ? Math.floor(Math.random() * 400) : 1 + Math.floor(Math.random() * 6)
    const { pid, lines } = await killRound(config, { mode, at }, tally)
    await afterKill(config, sealed, pid, lines, tally, leases)
  }
  // the next process breaks the dead holders' locks and renews
  const last = await openClient(childClientOptions(config))
  expect((await last.renew()).outcome).toBe('renewed')
  await last.close()
  expect((await readdir(config.storeDir)).filter((n) => n.endsWith('.tmp') || LOCKS.test(n))).toEqual([])
}

describe('the client under SIGKILL', () => {
  it(`opens to the old or the new lease after every kill (up to ${KILLS} kills in ${BUDGET_MS / 1000} s, renewing over HTTP)`, {
    timeout: BUDGET_MS + 60_000,
  }, async () => {
    const tally: Tally = {
      kills: 0,
      midWrite: 0,
      onWriteStart: 0,
      inFlight: 0,
      unreported: 0,
      orphanTemps: 0,
      staleLocks: 0,
      renewals: 0,
    }
    const until = Date.now() + BUDGET_MS
    const quota = Math.ceil(KILLS / STORES)
    await Promise.all(Array.from({ length: STORES }, (_, i) => worker(i, quota, until, tally)))
    console.info(
      `client crash test: ${tally.kills} kills (${tally.onWriteStart} sent at a write start, ` +
        `${tally.midWrite} landed mid-write: a temp file of the killed writer was left), ` +
        `${tally.inFlight} with a renewal in flight (${tally.unreported} of those stored but unreported), ` +
        `${tally.renewals} renewals reported; ${tally.orphanTemps} orphan temp files and ` +
        `${tally.staleLocks} stale locks found after kills, all swept or broken by the next process`,
    )
    expect(tally.kills).toBeGreaterThanOrEqual(KILLS * 0.5) // the budget is generous; this catches a stall
    expect(tally.midWrite).toBeGreaterThan(0)
    expect(tally.inFlight).toBeGreaterThan(0)
  })
})
