/**
 * Writes still pending when the process exits: a short-lived host may call check() and exit
 * without close(), before the lazy persistence timer (unref'd) fires. One `exit` listener for all
 * clients of the process, registered only while some client has a pending write; each flush is
 * synchronous (no event loop turn is left) and must never throw.
 */
const pending = new Set<() => void>()

function onExit(): void {
  for (const flush of [...pending]) {
    try {
      flush()
    } catch {
      // the process is exiting: nothing left to report to
    }
  }
  pending.clear()
}

export function flushOnExit(flush: () => void): void {
  if (pending.has(flush)) return
  if (pending.size === 0) process.once('exit', onExit)
  pending.add(flush)
}

export function cancelFlushOnExit(flush: () => void): void {
  if (!pending.delete(flush)) return
  if (pending.size === 0) process.removeListener('exit', onExit)
}

/** Whether any flush is registered (tests). */
export function exitFlushPending(): boolean {
  return pending.size > 0
}
