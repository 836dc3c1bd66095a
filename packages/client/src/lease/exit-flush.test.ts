import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { T0 } from '../../../core/src/test-support/factory.js'
import { type Harness, harness } from '../test-support/harness.js'
import { buildHostChild, childArgs, reportOf, run } from '../test-support/run-host-child.js'
import { exitFlushPending } from './exit-flush.js'

const DAY = 86_400
let work: string
let child: string
let h: Harness

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tessera-exit-'))
  child = await buildHostChild(work)
})
afterAll(async () => rm(work, { recursive: true, force: true }))
afterEach(async () => h?.cleanup())

describe('clock marks of a short-lived host that exits without close()', () => {
  for (const exit of ['natural', 'process.exit'] as const) {
    it(`are written at exit (${exit}), so the next open sees the high-water mark`, async () => {
      h = await harness()
      await (await h.activated()).close()
      const moved = T0 + 2 * DAY
      const ran = await run(
        process.execPath,
        childArgs(child, { dir: h.dir, keyStorage: 'file', now: moved, close: false, exit }),
        process.env,
      )
      const report = reportOf(ran)
      expect(ran.code).toBe(0)
      expect(report).toMatchObject({ state: 'active', highWater: moved })
      expect(report.exitListeners).toBeGreaterThan(0) // registered: a write was pending
      // back at T0 + 1 h: the mark the child saw is on disk, so the clock reads as set back
      h.clock.now = T0 + 3600
      const next = await h.open()
      expect(next.diagnostics().input.clock.highWater).toBe(moved)
      expect(next.check().reasons).toContain('CLOCK_ROLLBACK')
    })
  }

  it('registers the exit listener only while a write is pending, and removes it on close', async () => {
    h = await harness()
    const client = await h.activated()
    await new Promise((resolve) => setTimeout(resolve, 1100)) // the lazy write after activation
    const listeners = process.listenerCount('exit')
    client.check()
    expect(exitFlushPending()).toBe(false) // nothing moved since the last write
    h.clock.now = T0 + DAY
    client.check()
    expect(exitFlushPending()).toBe(true)
    expect(process.listenerCount('exit')).toBe(listeners + 1)
    await client.close()
    expect(exitFlushPending()).toBe(false)
    expect(process.listenerCount('exit')).toBe(listeners)
  })
})
