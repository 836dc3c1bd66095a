// The client SDK over real HTTP against the real server (no server mocks): startTestServer (a
// fresh demo data directory, 127.0.0.1) and real clients (openClient over the default
// HttpTransport) share one virtual clock, so both move together through virtual days.
// The main flow runs on SQLite and PostgreSQL; the other flows on SQLite.

import { mkdtemp, rm } from 'node:fs/promises'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type OkpPublicJwk, verifyDeactivationReceipt, verifyKeyset } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { afterEach, describe, expect, it } from 'vitest'
import { readRootJwk } from '../../../server/src/keys/data-dir.js'
import {
  type RunningServer,
  startTestServer,
  TEST_DIALECTS,
  type TestDialect,
} from '../../../server/src/test-support/test-server.js'
import { openClient, type TesseraClient } from '../client.js'
import type { ChangeEvent } from '../lease/change-feed.js'
import type { ClientOptions } from '../options.js'
import { machine } from '../test-support/harness.js'
import { isTransportError } from '../transport/transport-error.js'

const DAY = 86_400
/** The demo policy of the server's seed (services/demo-seed.ts). */
const DEMO = { renewAfter: 3 * DAY, offlineWindow: 7 * DAY, grace: 3 * DAY } as const
const ALL_FEATURES = ['edit', 'export', 'sync', 'view']

const RATE_LIMITS = { windowSeconds: 60, perIp: 1e9, perLicense: 1e9 }

interface RealWorld {
  srv: RunningServer
  root: OkpPublicJwk
  /** System time of server and clients, epoch seconds. Move `clock.now` to travel. */
  clock: { now: number }
  licenseKey: string
  licenseId: string
  /** A fresh store directory (removed by cleanup). */
  storeDir(): Promise<string>
  /** A client on `storeDir` (a fresh one by default), on `machineName`'s fixed fingerprint. */
  open(over?: Partial<ClientOptions> & { machineName?: string }): Promise<TesseraClient>
  /** An admin API call with the initial admin token; throws on a non-2xx answer. */
  admin<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>
  cleanup(): Promise<void>
}

/** A URL on 127.0.0.1 where nothing listens (a port that was just free). */
async function deadUrl(): Promise<string> {
  const probe = createNetServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  const port = typeof address === 'object' && address ? address.port : 1
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

async function realWorld(database: TestDialect = 'sqlite'): Promise<RealWorld> {
  const clock = { now: Math.floor(Date.now() / 1000) }
  const srv = await startTestServer({
    database,
    now: () => Math.floor(clock.now),
    rateLimits: RATE_LIMITS,
    // The event-loop-delay signal sheds requests (503 OVERLOADED) while a cold test worker is
    // still loading and compiling modules; these tests are about licensing, not load.
    loadShedding: false,
  })
  const root = await readRootJwk(srv.dataDir)
  const demo = srv.init.demo!
  const dirs: string[] = []
  const clients: TesseraClient[] = []
  const storeDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-client-it-'))
    dirs.push(dir)
    return dir
  }
  return {
    srv,
    root,
    clock,
    licenseKey: demo.licenseKey,
    licenseId: demo.license,
    storeDir,
    async open(over = {}) {
      const { machineName = 'a', ...rest } = over
      const client = await openClient({
        serverUrl: srv.url,
        product: demo.product,
        roots: [root],
        storeDir: rest.storeDir ?? (await storeDir()),
        appVersion: '1.0.0',
        essential: ['view'],
        now: () => clock.now,
        random: () => 0.5,
        fingerprintSources: machine(machineName),
        timeZone: 'UTC',
        requestTimeoutSeconds: 5,
        ...rest,
      })
      clients.push(client)
      return client
    },
    async admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${srv.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${srv.init.adminToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      const json = (await res.json()) as T
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`)
      return json
    },
    async cleanup() {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)))
      await srv.stop()
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
    },
  }
}

/** Polls `probe` every 20 ms until it returns true, for at most `ms`. */
async function eventually(probe: () => boolean, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (probe()) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return probe()
}

let world: RealWorld | undefined
afterEach(async () => {
  await world?.cleanup()
  world = undefined
})

async function start(database: TestDialect = 'sqlite'): Promise<RealWorld> {
  world = await realWorld(database)
  return world
}

describe.each(TEST_DIALECTS)('client against the real server (%s)', (dialect) => {
  it('activate → offline for days → renewal_due → offline_grace → limited → server back → active', async () => {
    const w = await start(dialect)
    const storeDir = await w.storeDir()
    const online = await w.open({ storeDir })
    expect(online.check()).toMatchObject({ state: 'invalid', reasons: ['NOT_ACTIVATED'] })

    const activated = await online.activate(w.licenseKey)
    const t0 = w.clock.now
    expect(activated).toMatchObject({ state: 'active', features: ALL_FEATURES, reasons: [] })
    const lease = activated.license!
    expect(lease).toMatchObject({ license: w.licenseId, product: 'demo', edition: 'pro' })
    expect(lease.renewAfter - lease.issuedAt).toBe(DEMO.renewAfter)
    expect(lease.expiresAt - lease.issuedAt).toBe(DEMO.offlineWindow)
    expect(lease.graceUntil - lease.expiresAt).toBe(DEMO.grace)
    await online.close()

    // The same store, but the server no longer answers (a closed port): a real connection failure.
    const offline = await w.open({ storeDir, serverUrl: await deadUrl() })
    expect(offline.check()).toMatchObject({ state: 'active', features: ALL_FEATURES })

    w.clock.now = lease.renewAfter - 1
    expect(offline.check()).toMatchObject({ state: 'active', deadline: lease.renewAfter })
    w.clock.now = lease.renewAfter + 1
    expect(offline.check()).toMatchObject({ state: 'renewal_due', features: ALL_FEATURES })
    const failed = await offline.renew()
    expect(failed.outcome).toBe('offline')
    expect(failed.decision).toMatchObject({ state: 'renewal_due', features: ALL_FEATURES })
    expect(offline.status().renewalPending).toBe(true)

    w.clock.now = t0 + 5 * 86_400
    expect(offline.check().state).toBe('renewal_due')
    w.clock.now = lease.expiresAt + 1
    expect(offline.check()).toMatchObject({
      state: 'offline_grace',
      features: ALL_FEATURES,
      deadline: lease.graceUntil,
    })
    w.clock.now = lease.graceUntil - 1
    expect(offline.check().state).toBe('offline_grace')
    w.clock.now = lease.graceUntil
    expect(offline.check()).toMatchObject({ state: 'limited', features: ['view'], reasons: ['GRACE_ENDED'] })
    expect(offline.can('export')).toBe(false)
    expect(offline.can('view')).toBe(true)
    expect((await offline.renew()).outcome).toBe('offline')
    expect(offline.check().state).toBe('limited')
    await offline.close()

    // The server answers again: one renewal restores full access with a fresh lease.
    const back = await w.open({ storeDir })
    expect(back.check().state).toBe('limited')
    const renewed = await back.renew()
    expect(renewed.outcome).toBe('renewed')
    expect(renewed.decision).toMatchObject({ state: 'active', features: ALL_FEATURES, reasons: [] })
    expect(renewed.decision.license!.lease).not.toBe(lease.lease)
    expect(renewed.decision.license!.issuedAt).toBe(w.clock.now)
    expect(renewed.decision.license!.renewAfter).toBe(w.clock.now + DEMO.renewAfter)
    expect(back.can('export')).toBe(true)
  })

  it('revoke (admin API) → renew → revoked at once, and the old lease is not usable after a restart', async () => {
    const w = await start(dialect)
    const storeDir = await w.storeDir()
    const client = await w.open({ storeDir })
    const activated = await client.activate(w.licenseKey)
    expect(activated.state).toBe('active')

    w.clock.now += 3600
    await w.admin('POST', `/v1/admin/licenses/${w.licenseId}/revoke`, { reason: 'refund' })
    // Nothing has told the client yet: the stored lease still decides (offline-first).
    expect(client.check().state).toBe('active')

    const result = await client.renew()
    expect(result.outcome).toBe('revoked')
    expect(result.decision).toMatchObject({ state: 'revoked', features: [] })
    expect(client.check()).toMatchObject({ state: 'revoked', features: [] })
    expect(client.can('view')).toBe(false)
    await client.close()

    // Restart on the same store, with no server at all: the revocation was persisted.
    const reopened = await w.open({ storeDir, serverUrl: await deadUrl() })
    expect(reopened.check()).toMatchObject({ state: 'revoked', features: [] })
    w.clock.now += 86_400
    expect(reopened.check().state).toBe('revoked')
    await reopened.close()

    // Back online: a renewal cannot bring the old lease back either.
    const online = await w.open({ storeDir })
    const again = await online.renew()
    expect(again.outcome).toBe('revoked')
    expect(online.check().state).toBe('revoked')
  })
})

describe('licensing flows against the real server (sqlite)', () => {
  it('a feature change on the server reaches the client at its next renewal', async () => {
    const w = await start()
    const client = await w.open()
    expect(await client.activate(w.licenseKey)).toMatchObject({ state: 'active', features: ALL_FEATURES })
    const storage = w.srv.server.context.storage

    // Downgrade: a new edition with fewer features (no admin update endpoint: storage directly).
    await storage.putEdition({ productId: 'demo', id: 'basic', features: ['view', 'edit'] })
    await storage.updateLicense(w.licenseId, { edition: 'basic', features: ['view', 'edit'] })
    // The stored lease keeps deciding until the next renewal.
    expect(client.can('export')).toBe(true)
    const changes: ChangeEvent[] = []
    client.on('change', (e) => changes.push(e))

    w.clock.now += 600
    const down = await client.renew()
    expect(down.outcome).toBe('renewed')
    expect(down.decision).toMatchObject({ state: 'active', features: ['edit', 'view'] })
    expect(down.decision.license!.edition).toBe('basic')
    expect(client.can('export')).toBe(false)
    expect(client.can('edit')).toBe(true)
    expect(changes.at(-1)?.decision.features).toEqual(['edit', 'view'])

    // Upgrade back.
    await storage.updateLicense(w.licenseId, { edition: 'pro', features: ['view', 'edit', 'export', 'sync'] })
    w.clock.now += 600
    const up = await client.renew()
    expect(up.decision).toMatchObject({ state: 'active', features: ALL_FEATURES })
    expect(up.decision.license!.edition).toBe('pro')
    expect(client.can('export')).toBe(true)
  })

  it('seat limit: a 2-seat license, the third device gets SEATS_EXHAUSTED, the first two stay active', async () => {
    const w = await start()
    const { key } = await w.admin<{ key: string }>('POST', '/v1/admin/licenses', {
      product: 'demo',
      policy: w.srv.init.demo!.policy,
      edition: 'pro',
      seats: 2,
    })
    const a = await w.open({ machineName: 'alpha' })
    const b = await w.open({ machineName: 'bravo' })
    const c = await w.open({ machineName: 'charlie' })
    expect((await a.activate(key)).state).toBe('active')
    expect((await b.activate(key)).state).toBe('active')
    const refused = await c.activate(key).catch((e: unknown) => e)
    expect(isTransportError(refused)).toBe(true)
    expect(refused).toMatchObject({ code: 'SEATS_EXHAUSTED', kind: 'rejected' })
    expect(c.check()).toMatchObject({ state: 'invalid', reasons: ['NOT_ACTIVATED'] })
    expect(a.check().state).toBe('active')
    expect(b.check().state).toBe('active')
    // The two seated devices keep renewing.
    w.clock.now += DEMO.renewAfter + 60
    expect((await a.renew()).decision.state).toBe('active')
    expect((await b.renew()).decision.state).toBe('active')
  })

  it('deactivate-and-move: A gives the seat back with a signed receipt, B takes it', async () => {
    const w = await start()
    const { key } = await w.admin<{ key: string }>('POST', '/v1/admin/licenses', {
      product: 'demo',
      policy: w.srv.init.demo!.policy,
      seats: 1,
    })
    const a = await w.open({ machineName: 'alpha' })
    const b = await w.open({ machineName: 'bravo' })
    expect((await a.activate(key)).state).toBe('active')
    const full = await b.activate(key).catch((e: unknown) => e)
    expect(full).toMatchObject({ code: 'SEATS_EXHAUSTED' })

    const keysetRes = (await (await fetch(`${w.srv.url}/v1/keyset`)).json()) as {
      chain: string[]
      keyset: string
    }
    const keyset = verifyKeyset(
      keysetRes.chain,
      keysetRes.keyset,
      { roots: [w.root], keysetVersion: 0, rootVersion: 0 },
      nodeCrypto,
    )
    w.clock.now += 120
    const result = await a.deactivate()
    expect(verifyDeactivationReceipt(result.receipt, keyset, a.deviceId, nodeCrypto)).toMatchObject({
      dev: a.deviceId,
    })
    expect(result.claims.dev).toBe(a.deviceId)
    expect(result.decision.state).not.toBe('active')
    expect(a.check()).toMatchObject({ state: 'invalid', features: [] })
    expect(a.can('view')).toBe(false)
    // A cannot renew its way back: the lease is cleared.
    expect((await a.renew()).outcome).toBe('not_activated')

    const moved = await b.activate(key)
    expect(moved).toMatchObject({ state: 'active', features: ALL_FEATURES })
    expect(moved.license!.device).toBe(b.deviceId)
    const detail = await w.admin<{ seatsInUse: number }>(
      'GET',
      `/v1/admin/licenses/${moved.license!.license}`,
    )
    expect(detail.seatsInUse).toBe(1)
  })

  it('air-gapped activation with the two files: offlineRequest → operator respond → import → active', async () => {
    const w = await start()
    const storeDir = await w.storeDir()
    const client = await w.open({ storeDir, serverUrl: undefined })
    expect(client.check().state).toBe('invalid')
    const requestFile = await client.offlineRequest(w.licenseKey)
    expect(requestFile.split('.')).toHaveLength(3)

    // The operator, on a connected machine, turns the request file into a response file.
    const { response } = await w.admin<{ response: string }>('POST', '/v1/admin/offline/respond', {
      request: requestFile,
    })
    const decision = await client.importOfflineResponse(`\n${response}\n`)
    expect(decision).toMatchObject({ state: 'active', features: ALL_FEATURES })
    expect(decision.license).toMatchObject({ license: w.licenseId, device: client.deviceId })
    expect(client.check().state).toBe('active')
    // The same response cannot be imported twice (the pending request is consumed).
    await expect(client.importOfflineResponse(response)).rejects.toMatchObject({ code: 'NO_PENDING_REQUEST' })
    await client.close()

    const reopened = await w.open({ storeDir, serverUrl: undefined })
    expect(reopened.check()).toMatchObject({ state: 'active', features: ALL_FEATURES })
    const detail = await w.admin<{ seatsInUse: number }>('GET', `/v1/admin/licenses/${w.licenseId}`)
    expect(detail.seatsInUse).toBe(1)
  })

  it('background renewal: start() past renew-after renews on its own and announces the change', async () => {
    const w = await start()
    const client = await w.open({
      renewal: { jitterSeconds: 1, initialBackoffSeconds: 1, maxBackoffSeconds: 2, checkInSeconds: 0 },
    })
    const first = (await client.activate(w.licenseKey)).license!
    const changes: ChangeEvent[] = []
    client.on('change', (e) => changes.push(e))

    w.clock.now = first.renewAfter + 5
    expect(client.check().state).toBe('renewal_due')
    client.start()
    const renewed = await eventually(() => client.check().license?.lease !== first.lease, 10_000)
    client.stop()
    expect(renewed).toBe(true)
    const now = client.check()
    expect(now).toMatchObject({ state: 'active', features: ALL_FEATURES })
    expect(now.license!.renewAfter).toBeGreaterThan(first.renewAfter)
    expect(client.status().renewalPending).toBe(false)
    expect(changes.some((e) => e.decision.state === 'active')).toBe(true)
  })
})
