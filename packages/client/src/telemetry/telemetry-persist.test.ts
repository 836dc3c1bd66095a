// Persists of one process's telemetry queue overlap in real use (the engine's flush and the upload
// after a renewal both persist): neither may lose an event nor queue one twice.
import { describe, expect, it } from 'vitest'
import type { TelemetryRecord } from '../store/records.js'
import type { ReadResult, SealedStore } from '../store/sealed-store.js'
import { TelemetryQueue } from './telemetry-queue.js'

/**
 * A telemetry file in memory, updated read-modify-write under a lock as SealedStore does; a write
 * waits at the gate (while paused) after computing what to write.
 */
function pausedStore() {
  let file: TelemetryRecord | null = null
  let release: () => void = () => {}
  let gate: Promise<void> | null = null
  let lock: Promise<unknown> = Promise.resolve()
  const store = {
    dir: '/nonexistent',
    async read(): Promise<ReadResult<TelemetryRecord>> {
      return file ? { status: 'ok', value: file } : { status: 'missing' }
    },
    update(_codec: unknown, change: (current: ReadResult<TelemetryRecord>) => TelemetryRecord) {
      const locked = lock.then(async () => {
        const next = change(file ? { status: 'ok', value: file } : { status: 'missing' })
        await gate
        file = next
        return { status: 'ok', value: next }
      })
      lock = locked
      return locked
    },
  }
  return {
    store: store as unknown as SealedStore,
    get events() {
      return file?.events.map((e) => e.at) ?? []
    },
    /** Another process uploads and removes everything queued. */
    uploadedElsewhere() {
      if (file) file = { events: [], dropped: file.dropped }
    },
    pause() {
      gate = new Promise((resolve) => {
        release = resolve
      })
    },
    resume() {
      gate = null
      release()
    },
  }
}

const event = (at: number) => ({ type: 'renewal' as const, at, outcome: 'ok' as const })

describe('telemetry queue persistence', () => {
  it('keeps an event added while a persist is writing', async () => {
    const disk = pausedStore()
    const queue = new TelemetryQueue(disk.store, true)
    queue.add(event(1))
    disk.pause()
    const writing = queue.persist()
    await new Promise((resolve) => setTimeout(resolve, 5)) // the write is under way
    queue.add(event(2))
    disk.resume()
    await writing
    await queue.persist()
    expect(disk.events).toEqual([1, 2])
  })

  it('runs overlapping persists one after the other: nothing is queued again after an upload', async () => {
    const disk = pausedStore()
    const queue = new TelemetryQueue(disk.store, true)
    queue.add(event(1))
    disk.pause()
    const first = queue.persist()
    const second = queue.persist()
    await new Promise((resolve) => setTimeout(resolve, 5))
    disk.resume()
    disk.pause()
    await first
    disk.uploadedElsewhere() // between the two writes, another process sends the event
    disk.resume()
    await second
    expect(disk.events).toEqual([])
  })
})
