import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { openClient } from '@tessera/client'
import { afterAll, describe, expect, it } from 'vitest'
import { FaultProxy } from '../lib/fault-proxy.js'
import { activateRaw, PrivatePg, ServedProcess } from './processes.js'
import { readRoots, tempDir, until, VirtualClock } from './support.js'

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined)
})

async function served(database?: string): Promise<ServedProcess> {
  const dir = await tempDir('srv')
  const s = await ServedProcess.create(dir, database)
  cleanups.push(async () => {
    await s.kill()
    await rm(dir, { recursive: true, force: true })
  })
  return s
}

/** A client on a settable clock, activated through a fault proxy in front of `s`. */
async function activatedBehindProxy(s: ServedProcess) {
  const proxy = new FaultProxy(s.url)
  await proxy.start()
  cleanups.push(() => proxy.stop())
  const clock = new VirtualClock()
  const client = await openClient({
    serverUrl: proxy.url,
    product: 'demo',
    roots: await readRoots(join(s.dir, s.init.rootKeyFile)),
    storeDir: join(s.dir, 'store'),
    now: clock.now,
    requestTimeoutSeconds: 5,
    telemetry: false,
  })
  cleanups.push(() => client.close())
  await client.activate(s.init.licenseKey)
  return { proxy, client, clock }
}

describe('real server processes', () => {
  it('server killed mid-renewal: the client keeps access, the next renewal succeeds', async () => {
    const s = await served()
    const { proxy, client, clock } = await activatedBehindProxy(s)
    clock.advance(3 * 86_400 + 60) // renewal due
    await proxy.set({ fault: 'delay', delayMs: 400 })
    const pending = client.renew()
    await new Promise((r) => setTimeout(r, 150))
    await s.kill('SIGKILL') // while the request waits in the proxy
    const failed = await pending
    expect(failed.outcome).not.toBe('renewed')
    expect(client.check().state).toBe('renewal_due')
    expect(client.check().features).toContain('edit')
    await s.start() // same data dir, same port
    await proxy.set({ fault: 'pass' })
    clock.advance(3600) // past any back-off
    const again = await client.renew()
    expect(again.outcome).toBe('renewed')
    expect(client.check().state).toBe('active')
  })

  // No PostgreSQL binaries is a failure (PrivatePg.create says so), never a silent skip.
  const dbs: ('sqlite' | 'postgres')[] = ['sqlite', 'postgres']
  for (const db of dbs) {
    it(`crash durability on ${db}: SIGKILL under concurrent activations loses no acknowledged activation`, async () => {
      let pg: PrivatePg | undefined
      if (db === 'postgres') {
        pg = await PrivatePg.create()
        cleanups.push(() => pg!.destroy())
      }
      const s = await served(pg?.url)
      const SEATS = 3
      const licenses: { id: string; key: string }[] = []
      for (let i = 0; i < 8; i++) {
        const c = await s.admin('POST', '/v1/admin/licenses', {
          product: 'demo',
          policy: s.init.policy,
          seats: SEATS,
        })
        expect(c.status).toBe(201)
        licenses.push({ id: c.body.id, key: c.body.key })
      }
      const acked = new Map<string, string>() // device id → license id
      let stop = false
      const worker = async (w: number) => {
        for (let i = 0; !stop && i < 200; i++) {
          const lic = licenses[(w + i) % licenses.length]!
          const r = await activateRaw(s.url, lic.key).catch(() => null)
          if (r?.status === 200) acked.set(r.device.id, lic.id)
        }
      }
      const workers = Array.from({ length: 12 }, (_, w) => worker(w))
      await until('some acknowledged activations', async () => (acked.size >= 6 ? true : undefined), 20_000)
      await s.kill('SIGKILL')
      stop = true
      await Promise.all(workers)
      await s.start()
      let active = 0
      for (const lic of licenses) {
        const shown = await s.admin('GET', `/v1/admin/licenses/${lic.id}`)
        expect(shown.status).toBe(200)
        const ids = new Set<string>(shown.body.devices.map((d: { deviceId: string }) => d.deviceId))
        for (const [device, licId] of acked) if (licId === lic.id) expect(ids.has(device), device).toBe(true)
        const live = shown.body.devices.filter((d: { status: string }) => d.status === 'active').length
        expect(live).toBeLessThanOrEqual(SEATS)
        expect(shown.body.seatsInUse).toBe(live)
        active += live
      }
      expect(active).toBeGreaterThanOrEqual(acked.size)
    })
  }

  it('PostgreSQL stopped and restarted under traffic: 503 + Retry-After, clients keep access, recovers', async () => {
    const pg = await PrivatePg.create()
    cleanups.push(() => pg.destroy())
    const s = await served(pg.url)
    const { client, clock } = await activatedBehindProxy(s)
    clock.advance(3 * 86_400 + 60)
    await pg.stop('fast')
    const down = await until(
      '503 while PostgreSQL is down',
      async () => {
        const r = await fetch(`${s.url}/v1/nonce`, { signal: AbortSignal.timeout(10_000) })
        const body = (await r.json()) as { code?: string }
        return r.status === 503 ? { r, body } : undefined
      },
      20_000,
    )
    expect(down.body.code).toBe('STORAGE_UNAVAILABLE')
    expect(Number(down.r.headers.get('retry-after'))).toBeGreaterThan(0)
    const failed = await client.renew()
    expect(failed.outcome).not.toBe('renewed')
    expect(failed.code).toBe('STORAGE_UNAVAILABLE')
    expect(client.check().state).toBe('renewal_due')
    expect(client.check().features).toContain('edit')
    await pg.start()
    await until(
      'recovery after PostgreSQL is back',
      async () => ((await fetch(`${s.url}/readyz`)).status === 200 ? true : undefined),
      30_000,
    )
    clock.advance(3600) // past any back-off
    const again = await client.renew()
    expect(again.outcome, `${again.outcome}:${again.code}`).toBe('renewed')
    expect(client.check().state).toBe('active')
  })
})
