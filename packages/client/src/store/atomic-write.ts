import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { open, readdir, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

const TEMP_SUFFIX = '.tmp'

/**
 * Windows refuses to replace a file another process has open for a moment (an antivirus scan, a
 * reader): a rename failing with one of these codes there is retried up to RENAME_RETRIES times,
 * pausing RENAME_PAUSE_MS × the attempt number (550 ms in all at most).
 */
export const RENAME_RETRY_CODES: ReadonlySet<string> = new Set(['EPERM', 'EBUSY', 'EACCES'])
export const RENAME_RETRIES = 10
export const RENAME_PAUSE_MS = 10

/** The pause before retry `attempt` (from 0), or null when `err` is not worth retrying. */
export function renameRetryPause(err: unknown, attempt: number, platform = process.platform): number | null {
  const code = (err as NodeJS.ErrnoException).code ?? ''
  if (platform !== 'win32' || attempt >= RENAME_RETRIES || !RENAME_RETRY_CODES.has(code)) return null
  return RENAME_PAUSE_MS * (attempt + 1)
}

/**
 * Replaces `path` with `data` so that a crash at any instant leaves either the old or the new
 * content: write a temp file in the same directory, fsync it, rename it over the target (atomic on
 * POSIX and NTFS), then fsync the directory so the rename itself survives power loss.
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const dir = dirname(path)
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`)
  const handle = await open(temp, 'wx', 0o600)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await renameWithRetry(temp, path)
  } catch (err) {
    await unlink(temp).catch(() => {})
    throw err
  }
  await fsyncDir(dir)
}

/**
 * The same replacement, synchronously: for the last write of a process that is exiting (no
 * event loop turn is left to await anything).
 */
export function writeFileAtomicSync(path: string, data: Uint8Array): void {
  const dir = dirname(path)
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`)
  const fd = openSync(temp, 'wx', 0o600)
  try {
    for (let done = 0; done < data.length; ) done += writeSync(fd, data, done)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    renameWithRetrySync(temp, path)
  } catch (err) {
    try {
      unlinkSync(temp)
    } catch {
      // already gone
    }
    throw err
  }
  let dirFd: number | undefined
  try {
    dirFd = openSync(dir, 'r')
    fsyncSync(dirFd)
  } catch {
    // see fsyncDir
  } finally {
    if (dirFd !== undefined) closeSync(dirFd)
  }
}

/** Flushes a directory entry change. Windows cannot open directories for sync; NTFS journals renames. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // EPERM/EISDIR/EINVAL on platforms where a directory cannot be fsynced
  } finally {
    await handle?.close().catch(() => {})
  }
}

/**
 * Removes temp files left by writers that died mid-write (their pid is gone). Files of live
 * writers are left alone: they may be about to rename them.
 */
export async function removeOrphanTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    const match = /^\..+\.(\d+)\.[0-9a-f]+\.(tmp|stale)$/.exec(name)
    if (match && !isAlive(Number(match[1]))) await unlink(join(dir, name)).catch(() => {})
  }
}

/** Whether a process with this pid exists (on this machine). */
export function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Renames, retrying briefly where Windows holds the target (see renameRetryPause). */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (err) {
      const pause = renameRetryPause(err, attempt)
      if (pause === null) throw err
      await new Promise((resolve) => setTimeout(resolve, pause))
    }
  }
}

/**
 * The same retry for the exit path, where no timer can fire: the pause blocks the thread with
 * Atomics.wait on a private SharedArrayBuffer (nothing ever notifies it, so it sleeps the full
 * time). `rename` and `platform` are injectable for tests.
 */
export function renameWithRetrySync(
  from: string,
  to: string,
  rename: (from: string, to: string) => void = renameSync,
  platform: NodeJS.Platform = process.platform,
): void {
  const cell = new Int32Array(new SharedArrayBuffer(4))
  for (let attempt = 0; ; attempt++) {
    try {
      rename(from, to)
      return
    } catch (err) {
      const pause = renameRetryPause(err, attempt, platform)
      if (pause === null) throw err
      Atomics.wait(cell, 0, 0, pause)
    }
  }
}
