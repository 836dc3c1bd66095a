import { randomBytes } from 'node:crypto'
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { ClientError } from '../errors.js'
import { isAlive } from './atomic-write.js'

export interface LockOptions {
  /** Milliseconds to wait for a busy lock before giving up (STORE_BUSY); 0 = try once. Default 5000. */
  timeoutMs?: number
  /** Milliseconds after which a lock is stale even if its pid looks alive (pid reuse). Default 60000. */
  staleMs?: number
}

export interface LockContent {
  pid: number
  at: number
  token: string
}

/**
 * Runs `fn` holding the advisory lock `name` of a store directory, shared by every process of the
 * app. The lock file is written complete under a temp name and hard-linked into place (fails if
 * it exists), so a holder killed at any instant leaves either no lock or a complete one, which
 * the next process recognises as stale because its pid is gone (or, against pid reuse, it is
 * older than `staleMs`; every critical section is far shorter).
 */
export async function withLock<T>(
  dir: string,
  name: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const path = join(dir, name)
  const token = randomBytes(8).toString('hex')
  const deadline = Date.now() + (options.timeoutMs ?? 5000)
  let text = ''
  for (let attempt = 0; ; attempt++) {
    text = JSON.stringify({ pid: process.pid, at: Date.now(), token } satisfies LockContent)
    if (await tryCreate(path, text)) break
    if (await breakIfStale(path, options.staleMs ?? 60_000)) continue
    if (Date.now() >= deadline)
      throw new ClientError('STORE_BUSY', `store lock ${name} is held by another process`)
    await sleep(Math.min(50, 2 + attempt * 3) + Math.random() * 10)
  }
  try {
    return await fn()
  } finally {
    await release(path, text)
  }
}

async function tryCreate(path: string, text: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await open(temp, 'wx', 0o600)
  try {
    await handle.writeFile(text)
  } finally {
    await handle.close()
  }
  try {
    await link(temp, path)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    return false
  } finally {
    await unlink(temp).catch(() => {})
  }
}

/**
 * Removes a stale lock and reports whether the caller should retry at once. The lock is first
 * renamed to a unique grave (only one contender can win that rename); if what was moved is not the
 * stale lock that was judged (a fresh one replaced it meanwhile), it is linked back into place.
 */
async function breakIfStale(path: string, staleMs: number): Promise<boolean> {
  const seen = await readFile(path, 'utf8').catch(() => null)
  if (seen === null) return true
  if (!(await isStale(path, seen, staleMs))) return false
  const grave = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.stale`
  try {
    await rename(path, grave)
  } catch {
    return true
  }
  const moved = await readFile(grave, 'utf8').catch(() => null)
  if (moved !== seen) await link(grave, path).catch(() => {})
  await unlink(grave).catch(() => {})
  return true
}

async function isStale(path: string, text: string, staleMs: number): Promise<boolean> {
  const lock = parseLock(text)
  if (lock === null) {
    const age = await stat(path).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    )
    return age > 1000
  }
  return !isAlive(lock.pid) || Date.now() - lock.at > staleMs
}

export function parseLock(text: string): LockContent | null {
  try {
    const value = JSON.parse(text) as Partial<LockContent>
    return typeof value.pid === 'number' && typeof value.at === 'number' && typeof value.token === 'string'
      ? (value as LockContent)
      : null
  } catch {
    return null
  }
}

/** Deletes the lock only if it is still ours (a stale-breaker may have taken it over). */
async function release(path: string, text: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => null)
  if (current === text) await unlink(path).catch(() => {})
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
