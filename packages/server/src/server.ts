import type { FastifyInstance } from 'fastify'
import { type AppOptions, buildApp } from './app.js'
import { DEFAULT_RATE_LIMITS, type RateLimits, type ServerContext } from './context.js'
import { dataFiles, readRootJwk } from './keys/data-dir.js'
import { Keyring } from './keys/keyring.js'
import { createMetrics } from './metrics/metrics.js'
import { pooledRandom } from './security/random-pool.js'
import { RefusalCounter } from './security/refusal-counter.js'
import { WindowCounter } from './security/window-counter.js'
import { openStorage, type Storage } from './storage/index.js'

/** How to run a license server. Every field has a default but the data directory. */
export interface ServerOptions extends AppOptions {
  /** The data directory created by `tessera init` (keys, root.pub.jwk, the SQLite file). */
  dataDir: string
  /** `postgres://…` for PostgreSQL; default: the SQLite file in the data directory. */
  database?: string
  /** Current time in epoch seconds; injectable for tests. */
  now?: () => number
  random?: (size: number) => Uint8Array
  rateLimits?: Partial<RateLimits>
  /** Seconds a device proof may be early or late. Default 300. */
  proofSkewSeconds?: number
  /** Seconds between checks for a key set published by another replica (rotation, import). Default 60. */
  keyringRefreshSeconds?: number
}

export interface TesseraServer {
  readonly app: FastifyInstance
  readonly context: ServerContext
  /** Starts listening; resolves with the base URL (e.g. http://127.0.0.1:7300). */
  listen(options: { host?: string; port?: number }): Promise<string>
  close(): Promise<void>
}

/** Opens storage and keys and builds the app; nothing listens until `listen`. */
export async function createServer(options: ServerOptions): Promise<TesseraServer> {
  const storage = await openStorage(options.database ?? dataFiles(options.dataDir).database)
  let keyring: Keyring | undefined
  try {
    keyring = await Keyring.load(storage, options.dataDir, await readRootJwk(options.dataDir))
    const context = makeContext(options, storage, keyring)
    const app = await buildApp(context, options)
    const loaded = keyring
    const refresher = setInterval(
      () => void loaded.refresh().catch(() => undefined),
      (options.keyringRefreshSeconds ?? 60) * 1000,
    )
    refresher.unref()
    return {
      app,
      context,
      async listen({ host = '127.0.0.1', port = 7300 }) {
        const address = await app.listen({ host, port })
        return address.replace('[::1]', 'localhost')
      },
      async close() {
        clearInterval(refresher)
        await app.close()
        await context.refusals.flush().catch(() => undefined)
        await keyring?.close()
        await storage.close()
      },
    }
  } catch (err) {
    await keyring?.close()
    await storage.close()
    throw err
  }
}

function makeContext(options: ServerOptions, storage: Storage, keyring: Keyring): ServerContext {
  const rateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits }
  return {
    storage,
    keyring,
    metrics: createMetrics({ seatsInUse: () => storage.countActiveSeats() }),
    now: options.now ?? (() => Math.floor(Date.now() / 1000)),
    random: options.random ?? pooledRandom(),
    dataDir: options.dataDir,
    rateLimits,
    ipRequests: new WindowCounter(rateLimits.windowSeconds),
    proofSkewSeconds: options.proofSkewSeconds ?? 300,
    refusals: new RefusalCounter(storage),
  }
}
