import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { open, readdir, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

const TEMP_SUFFIX = '.tmp'

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
    renameSync(temp, path)
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

/** Windows refuses to replace a file another process has open for a moment; retry briefly there. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (process.platform !== 'win32' || attempt >= 10 || (code !== 'EPERM' && code !== 'EBUSY')) throw err
      await new Promise((resolve) => setTimeout(resolve, 10 * (attempt + 1)))
    }
  }
}
