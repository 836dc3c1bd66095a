// Two-process safety with real processes: several node processes of the same app share one store
// directory and write it at the same time — renewals over real HTTP (license record replaced,
// telemetry queued and uploaded), lazily persisted clock marks, telemetry persists — and nothing
// any of them wrote is lost. record-merge.test.ts covers the merge rules inside one process.
import { randomBytes } from 'node:crypto'
import { watch } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRODUCT, ROOT, T0 } from '../../../core/src/test-support/factory.js'
import { openClient } from '../client.js'
import { type ChildConfig, childClientOptions } from '../test-support/child-client-options.js'
import { bundleChild, runChild } from '../test-support/child-process.js'
import { FakeServer, problem } from '../test-support/fake-server.js'
import { ALL_FEATURES, LICENSE_KEY } from '../test-support/harness.js'
import { serveOverHttp } from '../test-support/http-fake-server.js'
import type { ContenderReport } from '../test-support/store-contender.js'
import { LICENSE_FILE, TELEMETRY_FILE } from './records.js'
import { SealedStore } from './sealed-store.js'

const PROCESSES = 4
const ROUNDS = 6
/** Virtual seconds per wall second: clock marks advance past the persist granularity (60 s) quickly. */
const SPEED = 120
const FAILED_RENEWALS = 3
/** Every third upload fails: its events wait on disk for the next contact (or stay there). */
const UPLOAD_FAILS_EVERY = 3
/** Files a crashed or careless writer would leave behind. */
const LEFTOVER = /\.(tmp|stale)$|^\.(renew\.|telemetry\.)?lock$/

let work: string
let contender: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tessera-multi-'))
  contender = await bundleChild(
    new URL('../test-support/store-contender.ts', import.meta.url),
    join(work, 'store-contender.mjs'),
  )
})
afterAll(async () => rm(work, { recursive: true, force: true }))

describe('one store, several real processes writing at once', () => {
  it(`${PROCESSES} processes × ${ROUNDS} renewals over HTTP: no lease, clock mark or telemetry event is lost`, {
    timeout: 120_000,
  }, async () => {
    const clock = { base: T0, startMs: Date.now(), speed: SPEED } // the test key set's era
    const now = () => Math.floor(clock.base + ((Date.now() - clock.startMs) / 1000) * clock.speed)
    const fake = new FakeServer(now)
    fake.addLicense(LICENSE_KEY, { id: 'lic_01', edition: 'pro', features: [...ALL_FEATURES] })
    const http = await serveOverHttp(fake)
    try {
      const storeKey = randomBytes(32)
      const config: ChildConfig = {
        storeDir: join(work, 'store'),
        serverUrl: http.url,
        product: PRODUCT,
        root: ROOT.jwk,
        storeKey: storeKey.toString('hex'),
        clock,
        machine: 'a',
        rounds: ROUNDS,
      }
      const first = await openClient(childClientOptions(config))
      expect((await first.activate(LICENSE_KEY)).state).toBe('active')
      await first.close()
      // some renewals fail (each still queues an event), some uploads fail (events wait on disk)
      fake.failNext('renew', () => problem('SERVER_UNAVAILABLE', 503, 'server_error'), FAILED_RENEWALS)
      const upload = fake.telemetry.bind(fake)
      let uploads = 0
      fake.telemetry = async (...args) => {
        if (++uploads % UPLOAD_FAILS_EVERY === 0) throw problem('SERVER_UNAVAILABLE', 503, 'server_error')
        return upload(...args)
      }

      // counts the atomic replacements of each sealed file (the rename onto its name)
      const writes = new Map<string, number>()
      const watcher = watch(config.storeDir, (_event, name) => {
        if (name?.endsWith('.tsr') && !name.startsWith('.')) writes.set(name, (writes.get(name) ?? 0) + 1)
      })
      const children = Array.from({ length: PROCESSES }, () => runChild(contender, config))
      const deadline = setTimeout(() => {
        for (const child of children) child.process.kill('SIGKILL')
      }, 90_000)
      const codes = await Promise.all(children.map((c) => c.exited))
      clearTimeout(deadline)
      watcher.close()
      expect(codes).toEqual(children.map(() => 0))
      const reports = children.map((c) => JSON.parse(c.lines.at(-1) ?? '{}') as ContenderReport)

      // every process renewed (or saw a failed renewal) every round, and only ever saw a valid license
      for (const report of reports) {
        const attempts = (report.outcomes.renewed ?? 0) + (report.outcomes.server_error ?? 0)
        expect(attempts, JSON.stringify(report.outcomes)).toBe(ROUNDS)
        expect(report.states).toEqual(['active'])
        expect(report.reasons).toEqual([])
      }
      const outcomes = (name: string) => reports.reduce((n, r) => n + (r.outcomes[name] ?? 0), 0)
      expect(outcomes('server_error')).toBe(FAILED_RENEWALS)

      // the license record is whole, and holds the newest lease any process adopted
      const sealed = new SealedStore(config.storeDir, PRODUCT, storeKey)
      const record = await sealed.read(LICENSE_FILE)
      expect(record.status).toBe('ok')
      if (record.status !== 'ok') return
      const leases = reports.flatMap((r) => r.leases)
      expect(leases).toHaveLength(outcomes('renewed'))
      const newest = leases.reduce((a, b) => (b.iat > a.iat ? b : a))
      const reopened = await openClient(childClientOptions(config))
      const decision = reopened.check()
      expect(decision).toMatchObject({ state: 'active', features: ALL_FEATURES, reasons: [] })
      expect(decision.license?.lease).toBe(newest.jti)
      await reopened.close()
      // no signed time is lost: the record's trusted time is the newest any process saw
      const trusted = Math.max(...reports.map((r) => r.clock.trustedTime))
      expect(record.value.clock.trustedTime).toBeGreaterThanOrEqual(trusted)
      for (const r of reports.filter((r) => r.clock.trustedTime === record.value.clock.trustedTime)) {
        expect(record.value.clock.highWater).toBeGreaterThanOrEqual(r.clock.highWater - 60)
      }

      // every renewal event queued by every process was uploaded or is still queued (or counted as
      // dropped). Delivery is at least once: close() aborts an upload in flight, which the server
      // may have stored already; those events are sent again, and the server keeps one per id.
      const queue = await sealed.read(TELEMETRY_FILE)
      expect(queue.status).toBe('ok')
      const queued = queue.status === 'ok' ? queue.value.events : []
      const dropped =
        (queue.status === 'ok' ? queue.value.dropped : 0) + fake.telemetryDropped.reduce((a, b) => a + b, 0)
      const renewals = [...fake.telemetryEvents, ...queued].filter((e) => e.type === 'renewal')
      const unique = new Map(renewals.map((e) => [e.id, e]))
      expect(unique.size + dropped).toBe(outcomes('renewed') + outcomes('server_error'))
      expect([...unique.values()].filter((e) => e.outcome === 'server_error')).toHaveLength(FAILED_RENEWALS)
      expect(uploads).toBeGreaterThanOrEqual(UPLOAD_FAILS_EVERY)
      const resent = renewals.length - unique.size
      // each renewal attempt wrote the record (lazily persisted clock marks add more writes)
      expect(writes.get('license.tsr')).toBeGreaterThanOrEqual(outcomes('renewed') + outcomes('server_error'))

      // no lock left behind, no temp file of a write
      const names = await readdir(config.storeDir)
      expect(names.filter((n) => LEFTOVER.test(n))).toEqual([])
      console.info(
        `multi-process: ${PROCESSES} processes, ${outcomes('renewed')} renewals + ${outcomes('server_error')} failed, ` +
          `${fake.telemetryEvents.length} events uploaded (${resent} sent again), ${queued.length} queued, ` +
          `${dropped} dropped; writes: ${[...writes].map(([name, n]) => `${name} ${n}`).join(', ')}`,
      )
    } finally {
      await http.close()
    }
  })
})
