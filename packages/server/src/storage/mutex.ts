import { AsyncLocalStorage } from 'node:async_hooks'
import { StorageError } from './errors.js'

/** Tokens (mutexes, pools) whose transaction the current async context is running inside. */
const held = new AsyncLocalStorage<ReadonlySet<object>>()

/**
 * The misuse check is a development aid and costs every promise of the process a hook (about a
 * tenth of a renewal's time), so it is off under NODE_ENV=production, the usual Node convention;
 * the test suite and development runs keep it on. Without it, misuse deadlocks instead of failing.
 */
const CHECKED = process.env.NODE_ENV !== 'production'

/**
 * Throws STORAGE_MISUSE when called from inside a transaction guarded by `token`: going through
 * the outer storage there would wait for the transaction that is waiting for it (a silent
 * deadlock); the caller must use the transaction handle instead.
 */
export function assertNotInside(token: object): void {
  if (CHECKED && held.getStore()?.has(token)) {
    throw new StorageError(
      'STORAGE_MISUSE',
      'storage called from inside its own transaction; use the handle passed to transaction()',
    )
  }
}

/** Runs `fn` marked as inside the transaction guarded by `token`. */
export function runInside<T>(token: object, fn: () => Promise<T>): Promise<T> {
  if (!CHECKED) return fn()
  const next = new Set(held.getStore())
  next.add(token)
  return held.run(next, fn)
}

/** A FIFO async mutex: one holder at a time, in arrival order. */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(fn: () => Promise<T>): Promise<T> {
    assertNotInside(this)
    const result = this.#tail.then(fn)
    this.#tail = result.catch(() => undefined)
    return result
  }
}

const byFile = new Map<string, { mutex: Mutex; refs: number }>()

/**
 * The process-wide mutex for one SQLite file. better-sqlite3 waits for locks synchronously
 * (busy_timeout), so two connections of the same process must never contend inside SQLite: the
 * holder could not run while the waiter blocks the thread. They queue here instead; only other
 * processes ever meet SQLite's own lock, where a blocking wait is correct.
 */
export function fileMutex(key: string): { mutex: Mutex; release(): void } {
  let entry = byFile.get(key)
  if (!entry) {
    entry = { mutex: new Mutex(), refs: 0 }
    byFile.set(key, entry)
  }
  entry.refs++
  const found = entry
  let released = false
  return {
    mutex: found.mutex,
    release() {
      if (released) return
      released = true
      if (--found.refs === 0 && byFile.get(key) === found) byFile.delete(key)
    },
  }
}
