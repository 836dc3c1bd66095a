import { execFile } from 'node:child_process'
import { chown, mkdir, readdir, rm } from 'node:fs/promises'
import { createServer as netServer } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { TestDevice } from '../../packages/server/src/test-support/test-device.js'
import { serve, tessera } from '../lib/run-cli.js'
import { type AdminBody, tempDir } from './support.js'

const run = promisify(execFile)

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = netServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export interface InitJson {
  adminToken: string
  rootKeyFile: string
  product: string
  policy: string
  licenseKey: string
}

/** `tessera init --demo` then `tessera serve` on a fixed port (so a restart keeps the URL), restartable and killable. */
export class ServedProcess {
  url = ''
  init!: InitJson
  private handle: Awaited<ReturnType<typeof serve>> | null = null
  constructor(
    readonly dir: string,
    readonly port: number,
    readonly database?: string,
  ) {}

  static async create(dir: string, database?: string): Promise<ServedProcess> {
    const s = new ServedProcess(dir, await freePort(), database)
    const db = database ? ['--database', database] : []
    const created = await tessera(['init', '--data', 'data', '--demo', '--json', ...db], { cwd: dir })
    if (created.code !== 0) throw new Error(`init failed: ${created.stderr}`)
    s.init = JSON.parse(created.stdout) as InitJson
    await s.start()
    return s
  }

  async start(): Promise<void> {
    const db = this.database ? ['--database', this.database] : []
    this.handle = await serve(
      ['--data', 'data', '--port', String(this.port), '--log-level', 'error', ...db],
      {
        cwd: this.dir,
      },
    )
    this.handle.child.removeAllListeners('exit')
    this.url = this.handle.url
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.handle?.child
    this.handle = null
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
    return new Promise((resolve) => {
      child.once('exit', () => resolve())
      child.kill(signal)
    })
  }

  async stop(): Promise<void> {
    await this.handle?.stop()
    this.handle = null
  }

  async admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: AdminBody }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.init.adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    })
    return { status: res.status, body: (await res.json().catch(() => null)) as AdminBody }
  }
}

/** One activation over HTTP with a fresh device key (nonce + proof), as the SDK does it. */
export async function activateRaw(url: string, licenseKey: string, device = new TestDevice()) {
  const n = await fetch(`${url}/v1/nonce`, { signal: AbortSignal.timeout(10_000) })
  const { nonce } = (await n.json()) as { nonce: string }
  const raw = JSON.stringify({
    product: 'demo',
    licenseKey,
    deviceKey: device.jwk,
    fingerprint: device.fingerprint,
  })
  const res = await fetch(`${url}/v1/activate`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'tessera-proof': await device.proof('POST', '/v1/activate', raw, { nonce }),
    },
    body: raw,
    signal: AbortSignal.timeout(10_000),
  })
  await res.arrayBuffer()
  return { status: res.status, device }
}

/**
 * A private PostgreSQL cluster in a temp dir on a free port (never the machine's shared one), run as
 * the postgres user when we are root.
 */
export class PrivatePg {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`
  }

  static async available(): Promise<string | null> {
    try {
      const versions = await readdir('/usr/lib/postgresql')
      return versions.length ? join('/usr/lib/postgresql', versions.sort().at(-1)!, 'bin') : null
    } catch {
      return null
    }
  }

  private static async as(bin: string, args: string[]): Promise<void> {
    const root = process.getuid?.() === 0
    if (root) await run('runuser', ['-u', 'postgres', '--', bin, ...args], { timeout: 60_000 })
    else await run(bin, args, { timeout: 60_000 })
  }

  static async create(): Promise<PrivatePg> {
    const bin = await PrivatePg.available()
    if (!bin) throw new Error('no PostgreSQL binaries')
    const dir = await tempDir('pg')
    await mkdir(join(dir, 'data'))
    if (process.getuid?.() === 0) {
      await chown(dir, 101, 104).catch(() => undefined)
      await run('chown', ['-R', 'postgres:postgres', dir])
    }
    await PrivatePg.as(join(bin, 'initdb'), [
      '-D',
      join(dir, 'data'),
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
    ])
    const pg = new PrivatePg(dir, await freePort())
    await pg.start()
    return pg
  }

  async start(): Promise<void> {
    const bin = (await PrivatePg.available())!
    await PrivatePg.as(join(bin, 'pg_ctl'), [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ])
  }

  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    const bin = (await PrivatePg.available())!
    await PrivatePg.as(join(bin, 'pg_ctl'), ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop'])
  }

  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined)
    await rm(this.dir, { recursive: true, force: true })
  }
}
