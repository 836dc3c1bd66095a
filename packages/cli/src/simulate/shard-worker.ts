/**
 * Entry of a `tessera simulate` worker thread (see shards.ts): simulates the shards it is sent,
 * one at a time, and answers each with its tally or the error that stopped it.
 */
import { parentPort } from 'node:worker_threads'
import { simulateShard } from './fleet.js'
import type { FromWorker, ToWorker } from './shards.js'

const port = parentPort
if (port === null) throw new Error('shard-worker runs in a worker thread')
let queue: Promise<void> = Promise.resolve()
port.on('message', ({ id, task }: ToWorker) => {
  queue = queue.then(async () => {
    let answer: FromWorker
    try {
      answer = { id, tally: await simulateShard(task) }
    } catch (err) {
      answer = { id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }
    }
    port.postMessage(answer)
  })
})
