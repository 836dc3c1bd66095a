import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isClientError } from '../errors.js'
import { withLockSync } from './store-lock-sync.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-lock-sync-'))
})
afterEach(async () => rm(dir, { recursive: true, force: true }))

const lockText = (pid: number, at = Date.now()) => JSON.stringify({ pid, at, token: 'x' })

describe('the store lock taken synchronously at exit', () => {
  it('runs under the lock and releases it', async () => {
    expect(withLockSync(dir, '.lock', () => 42)).toBe(42)
    expect(await readdir(dir)).toEqual([])
  })

  it("breaks a dead writer's lock; runs without waiting on a lock of this very process", async () => {
    await writeFile(join(dir, '.lock'), lockText(2 ** 22 + 12345))
    expect(withLockSync(dir, '.lock', () => 'dead broken')).toBe('dead broken')
    await writeFile(join(dir, '.lock'), lockText(process.pid))
    expect(withLockSync(dir, '.lock', () => 'own')).toBe('own')
    expect(await readdir(dir)).toEqual(['.lock']) // left to be found stale later
  })

  it("waits at most timeoutMs for a live process's lock (STORE_BUSY)", async () => {
    const other = spawn('sleep', ['5'])
    try {
      await writeFile(join(dir, '.lock'), lockText(other.pid!))
      const started = Date.now()
      let error: unknown
      try {
        withLockSync(dir, '.lock', () => 'never', { timeoutMs: 100 })
      } catch (err) {
        error = err
      }
      expect(isClientError(error, 'STORE_BUSY')).toBe(true)
      expect(Date.now() - started).toBeGreaterThanOrEqual(100)
    } finally {
      other.kill()
    }
  })
})
