import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TESSERA_BIN, tessera } from '../lib/run-cli.js'

let dir: string
const children: ChildProcess[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-cli-start-'))
})

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** Runs `tessera start …` (what `npm start` runs) until it has printed its whole greeting. */
async function start(
  args: string[],
): Promise<{ out: string; err: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [TESSERA_BIN, 'start', ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  let err = ''
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString()
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`start did not finish its greeting: ${out}${err}`)),
      60_000,
    )
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`start exited with ${code}: ${out}${err}`))
    })
  })
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code))
      child.kill('SIGTERM')
    })
  return { out, err, stop }
}

describe('tessera start (npm start)', { timeout: 120_000 }, () => {
  it('initialises the data directory, and every URL and command it prints works as printed', async () => {
    const first = await start(['--data', 'data', '--port', '0'])
    expect(existsSync(join(dir, 'data', 'root.pub.jwk'))).toBe(true)
    expect(first.out).toMatch(/^Admin token \(shown once, store it safely\): tsa_/m)

    const urls = [...first.out.matchAll(/^ {2}(API|API docs|Dashboard|Metrics) +(http:\/\/\S+)$/gm)]
    expect(urls.map((m) => m[1])).toEqual(['API', 'API docs', 'Dashboard', 'Metrics'])
    for (const [, name, url] of urls) {
      const res = await fetch(url!)
      expect(res.status, `${name} ${url}`).toBe(200)
      await res.arrayBuffer()
    }
    const api = (await (await fetch(urls[0]![2]!)).json()) as { links: Record<string, string> }
    expect(api.links).toMatchObject({ docs: '/docs', openapi: '/openapi.json' })

    const commands = [...first.out.matchAll(/^ {2}npx tessera (.+)$/gm)].map((m) => m[1]!.split(' '))
    expect(commands.map((c) => c[0])).toEqual(['activate', 'status'])
    const activated = await tessera(commands[0]!, { cwd: dir })
    expect(activated.code, activated.stderr).toBe(0)
    const status = await tessera(commands[1]!, { cwd: dir })
    expect(status.code, status.stderr).toBe(0)
    expect(status.stdout).toMatch(/^active — /)
    expect(await first.stop()).toBe(0)

    const again = await start(['--data', 'data', '--port', '0'])
    expect(again.out).toMatch(/^Using data /)
    expect(again.out).not.toContain('Admin token')
    expect(await again.stop()).toBe(0)
  })
})
