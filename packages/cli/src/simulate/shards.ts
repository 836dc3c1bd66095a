/**
 * Where shards run: in this thread one after the other, or each in a worker thread (its own
 * event loop, heap and in-process server), which is what spreads a large fleet over the cores.
 */
import { Worker } from 'node:worker_threads'
import { simulateShard } from './fleet.js'
import type { ShardTask } from './model.js'
import type { ShardTally } from './tally.js'

export interface ShardRunner {
  run(task: ShardTask): Promise<ShardTally>
  close(): Promise<void>
}

/** Shards in this thread, one at a time (each with its own server, opened and closed in turn). */
export function inProcessRunner(): ShardRunner {
  let queue: Promise<unknown> = Promise.resolve()
  return {
    run(task) {
      const result = queue.then(() => simulateShard(task))
      queue = result.catch(() => {})
      return result
    },
    async close() {
      await queue
    },
  }
}

/** Messages between the runner and shard-worker.ts. */
export type ToWorker = { id: number; task: ShardTask }
export type FromWorker = { id: number; tally: ShardTally } | { id: number; error: string }

interface Pending {
  resolve: (tally: ShardTally) => void
  reject: (error: Error) => void
}

/**
 * `size` worker threads running shard-worker.js (or `entry`); the shard with index i runs on
 * thread i mod size, a thread's shards one at a time. Threads start on first use.
 */
export function threadRunner(
  size: number,
  entry = new URL('./shard-worker.js', import.meta.url),
): ShardRunner {
  const threads: { worker: Worker; pending: Map<number, Pending> }[] = []
  let nextId = 0
  const thread = (i: number) => {
    let t = threads[i]
    if (t === undefined) {
      const pending = new Map<number, Pending>()
      const worker = new Worker(entry)
      const failAll = (error: Error) => {
        for (const p of pending.values()) p.reject(error)
        pending.clear()
      }
      worker.on('message', (message: FromWorker) => {
        const p = pending.get(message.id)
        pending.delete(message.id)
        if ('error' in message) p?.reject(new Error(`simulation worker: ${message.error}`))
        else p?.resolve(message.tally)
      })
      worker.on('error', (err) => failAll(err instanceof Error ? err : new Error(String(err))))
      worker.on('exit', (code) => failAll(new Error(`simulation worker exited with code ${code}`)))
      t = { worker, pending }
      threads[i] = t
    }
    return t
  }
  return {
    run(task) {
      const t = thread(task.shard.index % size)
      const id = nextId++
      return new Promise<ShardTally>((resolve, reject) => {
        t.pending.set(id, { resolve, reject })
        t.worker.postMessage({ id, task } satisfies ToWorker)
      })
    },
    async close() {
      await Promise.all(threads.map((t) => t?.worker.terminate()))
    },
  }
}
