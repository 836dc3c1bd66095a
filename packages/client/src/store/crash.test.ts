import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CRASH_FILE, payloadFor } from '../test-support/crash-codec.js'
import { removeOrphanTemps } from './atomic-write.js'
import { SealedStore } from './sealed-store.js'

const KILLS = 200
const WORKERS = 4
let work: string
let writer: string

// The writer is bundled once with esbuild (already installed: tsx uses it) so that each of the
// 200 child processes starts as plain node: `node --import tsx` costs ~1.5 s per start here.
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tessera-crash-'))
  writer = join(work, 'crash-writer.mjs')
  await build({
    entryPoints: [fileURLToPath(new URL('../test-support/crash-writer.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: writer,
    logLevel: 'silent',
  })
})
afterAll(async () => rm(work, { recursive: true, force: true }))

/** Starts a writer, lets it commit for a random few milliseconds, kills it; returns what it reported. */
function killWhileWriting(dir: string, key: string): Promise<{ committed: number[]; killedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dir, key], { stdio: ['ignore', 'pipe', 'inherit'] })
    const committed: number[] = []
    let buffer = ''
    let killedAfterMs = -1
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        if (line === 'ready' && killedAfterMs < 0) {
          killedAfterMs = Math.floor(Math.random() * 60)
          setTimeout(() => child.kill('SIGKILL'), killedAfterMs)
        } else if (/^\d+$/.test(line)) committed.push(Number(line))
      }
    })
    child.on('error', reject)
    child.on('exit', () => resolve({ committed, killedAfterMs }))
  })
}

interface WorkerResult {
  inFlightWins: number
  commits: number
  /** Rounds whose child reported no commit: killed during its first write (or just before). */
  quiet: number
}

async function worker(index: number, rounds: number): Promise<WorkerResult> {
  const dir = join(work, `store-${index}`)
  await rm(dir, { recursive: true, force: true })
  await import('node:fs/promises').then((fs) => fs.mkdir(dir))
  const key = randomBytes(32).toString('hex')
  const reader = new SealedStore(dir, 'demo', Buffer.from(key, 'hex'))
  let before = 0
  let inFlightWins = 0
  let commits = 0
  let quiet = 0
  for (let round = 0; round < rounds; round++) {
    const { committed } = await killWhileWriting(dir, key)
    const last = committed.at(-1) ?? before
    if (committed.length === 0) quiet++
    const found = await reader.read(CRASH_FILE)
    if (before === 0 && last === 0 && found.status === 'missing') continue
    expect(found.status, `round ${round}: the store must open`).toBe('ok')
    if (found.status !== 'ok') return { inFlightWins, commits, quiet }
    // the old content or the new one (the write in flight when killed), and whole
    expect([last, last + 1]).toContain(found.value.n)
    expect(found.value.payload).toBe(payloadFor(found.value.n))
    if (found.value.n === last + 1) inFlightWins++
    commits += found.value.n - before
    before = found.value.n
  }
  await removeOrphanTemps(dir)
  const left = (await readdir(dir)).filter((name) => name !== '.lock')
  expect(left).toEqual([CRASH_FILE.name])
  return { inFlightWins, commits, quiet }
}

describe('store robustness under SIGKILL', () => {
  it(`always opens to the old or the new content (${KILLS} kills while writing)`, {
    timeout: 180_000,
  }, async () => {
    const results = await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i, KILLS / WORKERS)))
    const sum = (pick: (r: WorkerResult) => number) => results.reduce((total, r) => total + pick(r), 0)
    // the kills landed at different points: before any commit, after several, between a rename and its report
    expect(sum((r) => r.quiet)).toBeGreaterThan(0)
    expect(sum((r) => r.quiet)).toBeLessThan(KILLS)
    console.info(
      `crash test: ${KILLS} kills, ${sum((r) => r.commits)} commits, ${sum((r) => r.quiet)} kills before a first commit, ` +
        `${sum((r) => r.inFlightWins)} between a rename and its report`,
    )
  })
})
