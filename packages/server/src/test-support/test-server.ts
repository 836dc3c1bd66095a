import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type InitResult, initDataDir } from '../init.js'
import { dataFiles } from '../keys/data-dir.js'
import { createServer, type ServerOptions, type TesseraServer } from '../server.js'
import { type PgSchema, pgSchema } from './pg-schema.js'

export type TestDialect = 'sqlite' | 'postgres'
/** Every HTTP suite that loops over databases uses this list. */
export const TEST_DIALECTS: readonly TestDialect[] = ['sqlite', 'postgres']

export interface TestServerOptions extends Partial<Omit<ServerOptions, 'database'>> {
  /**
   * `'sqlite'` (default: a file in the fresh data directory), `'postgres'` (a fresh schema on the
   * test PostgreSQL, dropped by `stop`), or any database URL (left alone by `stop`).
   */
  database?: TestDialect | string
}

export interface RunningServer {
  url: string
  server: TesseraServer
  init: InitResult
  dataDir: string
  /** What the server runs on: tests edit rows directly through `url` (better-sqlite3 / pg). */
  database: { dialect: TestDialect; url: string }
  stop(): Promise<void>
}

/** A real server on 127.0.0.1 with a fresh demo data directory (SQLite unless `database` says otherwise). */
export async function startTestServer(options: TestServerOptions = {}): Promise<RunningServer> {
  const { database: choice = 'sqlite', ...serverOptions } = options
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-server-'))
  let schema: PgSchema | undefined
  let server: TesseraServer | undefined
  const cleanup = async () => {
    await server?.close().catch(() => undefined)
    await schema?.drop()
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    if (choice === 'postgres') schema = await pgSchema()
    const url = schema?.url ?? (choice === 'sqlite' ? dataFiles(dataDir).database : choice)
    const dialect: TestDialect = /^postgres(ql)?:/i.test(url) ? 'postgres' : 'sqlite'
    const init = await initDataDir({ dataDir, demo: true, database: url })
    server = await createServer({ dataDir, logLevel: false, ...serverOptions, database: url })
    const running = server
    const base = await running.listen({ host: '127.0.0.1', port: 0 })
    return { url: base, server: running, init, dataDir, database: { dialect, url }, stop: cleanup }
  } catch (err) {
    await cleanup()
    throw err
  }
}
