import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type InitResult, initDataDir } from '../init.js'
import { createServer, type ServerOptions, type TesseraServer } from '../server.js'

export interface RunningServer {
  url: string
  server: TesseraServer
  init: InitResult
  dataDir: string
  stop(): Promise<void>
}

/** A real server on 127.0.0.1 with a fresh demo data directory (SQLite unless `database` is given). */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-server-'))
  const init = await initDataDir({
    dataDir,
    demo: true,
    ...(options.database ? { database: options.database } : {}),
  })
  const server = await createServer({ dataDir, logLevel: false, ...options })
  const url = await server.listen({ host: '127.0.0.1', port: 0 })
  return {
    url,
    server,
    init,
    dataDir,
    async stop() {
      await server.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
