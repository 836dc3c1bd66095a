import { randomBytes } from 'node:crypto'
import { linkSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ClientError } from '../errors.js'
import { isAlive } from './atomic-write.js'
import { type LockContent, type LockOptions, parseLock } from './store-lock.js'

/**
 * The same lock taken synchronously by a process that is exiting, waiting at most `timeoutMs`
 * (default 500). A lock held by this very process belongs to an await that will never resume
 * (the event loop is over): `fn` runs without taking it, and it is left to be found stale.
 */
export function withLockSync<T>(dir: string, name: string, fn: () => T, options: LockOptions = {}): T {
  const path = join(dir, name)
  const token = randomBytes(8).toString('hex')
  const deadline = Date.now() + (options.timeoutMs ?? 500)
  let text: string | null = null
  for (;;) {
    const mine = JSON.stringify({ pid: process.pid, at: Date.now(), token } satisfies LockContent)
    if (tryCreateSync(path, mine)) {
      text = mine
      break
    }
    const seen = readOrNull(path)
    if (seen === null) continue
    if (parseLock(seen)?.pid === process.pid) break
    if (isStaleSync(path, seen, options.staleMs ?? 60_000)) {
      breakSync(path, seen)
      continue
    }
    if (Date.now() >= deadline)
      throw new ClientError('STORE_BUSY', `store lock ${name} is held by another process`)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5)
  }
  try {
    return fn()
  } finally {
    if (text !== null && readOrNull(path) === text) unlinkQuietly(path)
  }
}

function tryCreateSync(path: string, text: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  writeFileSync(temp, text, { flag: 'wx', mode: 0o600 })
  try {
    linkSync(temp, path)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    return false
  } finally {
    unlinkQuietly(temp)
  }
}

function isStaleSync(path: string, text: string, staleMs: number): boolean {
  const lock = parseLock(text)
  if (lock !== null) return !isAlive(lock.pid) || Date.now() - lock.at > staleMs
  try {
    return Date.now() - statSync(path).mtimeMs > 1000
  } catch {
    return false
  }
}

/** As breakIfStale: move the judged lock to a grave; put back what was moved if it was not that lock. */
function breakSync(path: string, seen: string): void {
  const grave = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.stale`
  try {
    renameSync(path, grave)
  } catch {
    return
  }
  if (readOrNull(grave) !== seen) {
    try {
      linkSync(grave, path)
    } catch {
      // a new lock is in place
    }
  }
  unlinkQuietly(grave)
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // gone already
  }
}
