import { generateKeyPairSync } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMANDS } from '../../packages/cli/src/commands/index.js'
import { commandGroups } from '../../packages/cli/src/help.js'
import { type CliResult, tessera, tesseraTty } from '../lib/run-cli.js'

const ESC = '\u001b['
let dir: string
/** Accepts connections and never answers. */
let silent: TcpServer
let silentUrl: string
/** Answers every request 503 with a problem+json body. */
let failing: Server
let failingUrl: string

const listen = async (server: TcpServer | Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-cli-usage-'))
  silent = createTcpServer(() => undefined)
  silentUrl = await listen(silent)
  failing = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/problem+json' })
    res.end(JSON.stringify({ code: 'STORAGE_UNAVAILABLE', detail: 'the database is down' }))
  })
  failingUrl = await listen(failing)
})

afterAll(async () => {
  silent?.close()
  failing?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** Runs many invocations a few at a time (each is a process). */
async function all<T>(items: readonly T[], run: (item: T) => Promise<CliResult>): Promise<CliResult[]> {
  const results: CliResult[] = []
  for (let i = 0; i < items.length; i += 8)
    results.push(...(await Promise.all(items.slice(i, i + 8).map(run))))
  return results
}

describe('tessera usage: help, groups, arguments', () => {
  it('--help on every verb of the command table exits 0 with an example', { timeout: 180_000 }, async () => {
    const results = await all(COMMANDS, (c) => tessera([...c.name.split(' '), '--help'], { cwd: dir }))
    COMMANDS.forEach((command, i) => {
      const result = results[i]!
      expect(result.code, command.name).toBe(0)
      expect(result.stdout, command.name).toContain(`tessera ${command.name}`)
      expect(result.stdout, command.name).toMatch(/Example:\n {2}\S/)
    })
  })

  it('every command group lists its verbs: exit 0 with --help, exit 2 bare or with an unknown verb', {
    timeout: 180_000,
  }, async () => {
    const groups = [...commandGroups(COMMANDS)]
    expect(groups).toEqual(expect.arrayContaining(['admin', 'admin license', 'keys', 'offline']))
    for (const group of groups) {
      const words = group.split(' ')
      const members = COMMANDS.filter((c) => c.name.startsWith(`${group} `))
      const [help, bare, unknown] = await Promise.all([
        tessera([...words, '--help'], { cwd: dir }),
        tessera(words, { cwd: dir }),
        tessera([...words, 'frobnicate'], { cwd: dir }),
      ])
      expect(help.code, group).toBe(0)
      for (const m of members) expect(help.stdout, group).toContain(`${m.name}  `)
      expect(help.stdout).toContain(members[0]!.summary)
      for (const refused of [bare, unknown]) {
        expect(refused.code, group).toBe(2)
        expect(refused.stderr).toMatch(/^USAGE: /)
        for (const m of members) expect(refused.stderr, group).toContain(m.name)
      }
    }
  })

  it('refuses an extra positional argument on every verb with a usage error', {
    timeout: 180_000,
  }, async () => {
    const results = await all(COMMANDS, (c) => {
      const takes = c.args ? c.args.split(' ').length : 0
      const args = [...Array.from({ length: takes }, (_, i) => `arg${i}`), 'extra']
      return tessera([...c.name.split(' '), ...args], { cwd: dir })
    })
    COMMANDS.forEach((command, i) => {
      expect(results[i]!.code, command.name).toBe(2)
      expect(results[i]!.stderr, command.name).toMatch(/^USAGE: unexpected argument "extra"/)
    })
  })
})

describe('tessera talking to a server that fails', () => {
  it('reports a server that does not answer as SERVER_TIMEOUT, not as unreachable', async () => {
    const env = { TESSERA_TIMEOUT: '1', TESSERA_ADMIN_TOKEN: 'tsa_x', TESSERA_SERVER: silentUrl }
    const listed = await tessera(['admin', 'license', 'list'], { cwd: dir, env })
    expect(listed.code).toBe(1)
    expect(listed.stderr).toBe(`SERVER_TIMEOUT: no answer from ${silentUrl} within 1 s\n`)
    const closed = await tessera(['admin', 'license', 'list'], {
      cwd: dir,
      env: { ...env, TESSERA_SERVER: 'http://127.0.0.1:9' },
    })
    expect(closed.stderr).toMatch(/^SERVER_UNREACHABLE: /)
  })

  it('keys next-keyset checks the answer: a problem+json becomes its coded error, a hang a timeout', async () => {
    await writeFile(
      join(dir, 'new.pem'),
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
    )
    const args = ['keys', 'next-keyset', '--add-key', 'new.pem', '--out', 'next.json']
    const refused = await tessera([...args, '--server', failingUrl], { cwd: dir })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe('STORAGE_UNAVAILABLE: the database is down\n')
    const hung = await tessera([...args, '--server', silentUrl], { cwd: dir, env: { TESSERA_TIMEOUT: '1' } })
    expect(hung.stderr).toBe(`SERVER_TIMEOUT: no answer from ${silentUrl} within 1 s\n`)
  })
})

describe('tessera on a terminal', () => {
  const env = { NO_COLOR: '', TERM: 'xterm-256color' }

  it('colours errors on a terminal, never with NO_COLOR or TERM=dumb', async () => {
    const args = ['status', '--store', 'nowhere']
    const tty = await tesseraTty(args, { cwd: dir, env })
    expect(tty.code).toBe(4)
    expect(tty.stdout).toContain(`${ESC}31mNO_STORE${ESC}0m: `)
    for (const off of [{ NO_COLOR: '1' }, { TERM: 'dumb' }]) {
      const plain = await tesseraTty(args, { cwd: dir, env: { ...env, ...off } })
      expect(plain.stdout).toContain('NO_STORE: ')
      expect(plain.stdout).not.toContain(ESC)
    }
  })

  it('decides per stream: a redirected stderr gets no escape codes while stdout is a terminal', async () => {
    const data = join(dir, 'tty-init')
    const result = await tesseraTty(['init', '--data', data], { cwd: dir, env, redirect: '2>init.err' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`${ESC}1mtsa_`) // the admin token in bold on the terminal
    const err = await readFile(join(dir, 'init.err'), 'utf8')
    expect(err).toContain('warning: key files are NOT encrypted')
    expect(err).not.toContain(ESC)

    const refused = await tesseraTty(['status', '--store', 'nowhere'], {
      cwd: dir,
      env,
      redirect: '2>status.err',
    })
    expect(refused.code).toBe(4)
    const err2 = await readFile(join(dir, 'status.err'), 'utf8')
    expect(err2).toMatch(/^NO_STORE: /)
    expect(err2).not.toContain(ESC)
  })

  it('shows a progress line on a terminal stderr while a server call is slow, not when redirected', async () => {
    const args = ['admin', 'audit', 'verify', '--server', silentUrl, '--token', 'tsa_x']
    const slow = await tesseraTty(args, { cwd: dir, env: { ...env, TESSERA_TIMEOUT: '3' } })
    expect(slow.code).toBe(1)
    expect(slow.stdout).toContain(`waiting for ${silentUrl}…`)
    expect(slow.stdout).toContain(
      `\r${ESC}2K${ESC}31mSERVER_TIMEOUT${ESC}0m: no answer from ${silentUrl} within 3 s`,
    )
    const redirected = await tesseraTty(args, {
      cwd: dir,
      env: { ...env, TESSERA_TIMEOUT: '3' },
      redirect: '2>slow.err',
    })
    const err = await readFile(join(dir, 'slow.err'), 'utf8')
    expect(redirected.code).toBe(1)
    expect(err).toBe(`SERVER_TIMEOUT: no answer from ${silentUrl} within 3 s\n`)
  })
})
