import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openClient, type TesseraClient } from '@tessera/client'
import type { OkpPublicJwk } from '@tessera/core'
import { createServer, type InitResult, initDataDir, type TesseraServer } from '@tessera/server'
import { prng } from '../../spec/fuzz/mutate.js'
import { FaultProxy } from '../lib/fault-proxy.js'

export const DAY = 86_400

/** The admin API answers the scenarios read (license create/show, revoke). */
export interface AdminBody {
  id: string
  key: string
  seatsInUse: number
  devices: { deviceId: string; status: string }[]
  [field: string]: unknown
}

/** A settable clock in epoch seconds, shared by an in-process server and its clients. */
export class VirtualClock {
  offset = 0
  now = (): number => Date.now() / 1000 + this.offset
  advance(seconds: number): void {
    this.offset += seconds
  }
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `tessera-scn-${prefix}-`))
}

export async function readRoots(rootKeyFile: string): Promise<OkpPublicJwk[]> {
  return [JSON.parse(await readFile(rootKeyFile, 'utf8')) as OkpPublicJwk]
}

/** An in-process server on a virtual clock (only where the scenario must move server time), behind a fault proxy. */
export interface Rig {
  dir: string
  init: InitResult
  server: TesseraServer
  url: string
  proxy: FaultProxy
  clock: VirtualClock
  roots: OkpPublicJwk[]
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: AdminBody }>
  client(name: string): Promise<TesseraClient>
  close(): Promise<void>
}

export async function startRig(seed = 1): Promise<Rig> {
  const dir = await tempDir('rig')
  const clock = new VirtualClock()
  const dataDir = join(dir, 'data')
  const init = await initDataDir({ dataDir, demo: true })
  const server = await createServer({
    dataDir,
    logLevel: false,
    now: () => Math.floor(clock.now()),
    rateLimits: { perIp: 1e9, perLicense: 1e9 },
  })
  const url = await server.listen({ host: '127.0.0.1', port: 0 })
  const proxy = new FaultProxy(url, prng(seed))
  await proxy.start()
  const roots = await readRoots(init.rootKeyFile)
  const clients: TesseraClient[] = []
  return {
    dir,
    init,
    server,
    url,
    proxy,
    clock,
    roots,
    async admin(method, path, body) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${init.adminToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return { status: res.status, body: (await res.json().catch(() => null)) as AdminBody }
    },
    async client(name) {
      const c = await openClient({
        serverUrl: proxy.url,
        product: 'demo',
        roots,
        storeDir: join(dir, name),
        now: clock.now,
        requestTimeoutSeconds: 3,
        telemetry: false,
        fingerprintSources: {},
      })
      clients.push(c)
      return c
    },
    async close() {
      for (const c of clients) await c.close().catch(() => undefined)
      await proxy.stop()
      await server.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await fn().catch(() => undefined)
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
