/**
 * A shard's server as its devices meet it: the real Tessera server (routes, services, SQLite in a
 * temporary directory) at a virtual time the simulator sets, reached
 * through `app.inject` (nothing listens on a socket), every request counted into the shard's tally.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TrustState } from '@tessera/core'
import type { TesseraServer } from '@tessera/server'
import { type LicenseSeed, seedCatalog, T0 } from './fleet-setup.js'
import { DAY, prng, type ShardTask, serverSeed } from './model.js'
import type { ShardTally } from './tally.js'

/** tmpfs when there is one: the simulated servers' SQLite commits then cost no disk flushes. */
export function simTmpDir(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
}

export interface Answer {
  status: number
  json: Record<string, unknown> | null
}

export class SimServer {
  /** The server's virtual time, epoch seconds: its injected `now`. */
  vnow = T0
  /** Requests since the simulator last reset it (its count per virtual hour). */
  hourRequests = 0

  private constructor(
    readonly server: TesseraServer,
    readonly dir: string,
    readonly tally: ShardTally,
    readonly days: number,
    /** The devices' pinned root: this server's. */
    readonly trust: TrustState,
    readonly licenses: LicenseSeed[],
    readonly adminToken: string,
  ) {}

  /** A fresh server seeded with the task's policy and the shard's licenses. */
  static async open(task: ShardTask, tally: ShardTally): Promise<SimServer> {
    const { initDataDir, createServer, readRootJwk } = await import('@tessera/server')
    const dir = await mkdtemp(join(task.workDir ?? simTmpDir(), `tessera-sim-${task.shard.index}-`))
    const rnd = prng(serverSeed(task.options.seed, task.shard.index))
    const random = (size: number) => {
      const out = new Uint8Array(size)
      for (let i = 0; i < size; i++) out[i] = Math.floor(rnd() * 256)
      return out
    }
    let sim: SimServer | null = null
    const init = await initDataDir({ dataDir: dir, now: () => T0 })
    const server = await createServer({
      dataDir: dir,
      logLevel: false,
      now: () => sim?.vnow ?? T0,
      random,
      // One process plays every device from 127.0.0.1; a real fleet comes from many addresses.
      rateLimits: { perIp: 1_000_000_000 },
      keyringRefreshSeconds: 3600,
      // Shedding reacts to wall-clock event-loop delay, which means nothing in virtual time.
      loadShedding: false,
    })
    try {
      const trust: TrustState = { roots: [await readRootJwk(dir)], keysetVersion: 0, rootVersion: 0 }
      const storage = server.context.storage
      const licenses = await seedCatalog(storage, task.options, task.policy, task.shard, random)
      sim = new SimServer(server, dir, tally, task.options.days, trust, licenses, init.adminToken)
      return sim
    } catch (err) {
      await server.close()
      await rm(dir, { recursive: true, force: true })
      throw err
    }
  }

  async close(): Promise<void> {
    await this.server.close()
    await rm(this.dir, { recursive: true, force: true })
  }

  countSeats(): Promise<number> {
    return this.server.context.storage.countActiveSeats()
  }

  async request(
    method: 'GET' | 'POST',
    url: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const t = this.tally
    const started = performance.now()
    const res = await this.server.app.inject({
      method,
      url,
      ...(body !== undefined ? { payload: body } : {}),
      headers: body !== undefined ? { 'content-type': 'application/json', ...headers } : headers,
    })
    const took = performance.now() - started
    t.perf.serverMs += took
    t.requests++
    this.hourRequests++
    const day = Math.min(this.days - 1, Math.floor((this.vnow - T0) / DAY))
    t.daily.requests[day] = (t.daily.requests[day] ?? 0) + 1
    const route = url
      .split('?')[0]!
      .replace(/\/licenses\/[^/]+\/devices\/[^/]+\//, '/licenses/:id/devices/:device/')
    t.byRoute[route] = (t.byRoute[route] ?? 0) + 1
    t.perf.routeMs[route] = (t.perf.routeMs[route] ?? 0) + took
    const cls = `${Math.floor(res.statusCode / 100)}xx`
    t.byStatusClass[cls] = (t.byStatusClass[cls] ?? 0) + 1
    let json: Record<string, unknown> | null = null
    try {
      json = res.json() as Record<string, unknown>
    } catch {
      json = null
    }
    return { status: res.statusCode, json }
  }
}
