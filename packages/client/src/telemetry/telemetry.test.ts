import { afterEach, describe, expect, it } from 'vitest'
import { DAY, T0 } from '../../../core/src/test-support/factory.js'
import { activate } from '../lease/activation.js'
import { uploadTelemetry } from '../renewal/contact.js'
import { OFFLINE } from '../test-support/fake-server.js'
import { type Harness, harness, LICENSE_KEY } from '../test-support/harness.js'
import { TELEMETRY_CAPACITY } from './telemetry-queue.js'

let h: Harness
afterEach(async () => h?.cleanup())

describe('telemetry', () => {
  it('queues at most 500 events on disk, counts the dropped ones and sends the count along', async () => {
    h = await harness()
    const engine = await h.engine()
    await activate(engine, LICENSE_KEY)
    h.server.offline = true
    for (let i = 0; i < TELEMETRY_CAPACITY + 20; i++)
      engine.telemetry.add({ type: 'anomaly', at: T0 + i, code: 'TEST' })
    await engine.telemetry.persist()
    expect(engine.telemetry.size).toBe(TELEMETRY_CAPACITY)
    h.server.offline = false
    await uploadTelemetry(engine)
    expect(h.server.count('telemetry')).toBe(5)
    expect(h.server.telemetryEvents).toHaveLength(TELEMETRY_CAPACITY)
    expect(h.server.telemetryDropped[0]).toBe(20)
    expect(h.server.telemetryDropped.slice(1)).toEqual([0, 0, 0, 0])
    expect(h.server.telemetryEvents[0]).toMatchObject({ type: 'anomaly', at: T0 + 20, code: 'TEST' })
    expect(engine.telemetry.size).toBe(0)
  })

  it('records renewal outcomes, offline durations and anomalies once per episode, and nothing personal', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 4 * DAY
    h.server.failNext('renew', OFFLINE)
    await client.renew()
    h.clock.now = T0 + 4 * DAY + 600
    client.check()
    h.clock.now = T0 + DAY // rollback: one anomaly, however many checks
    for (let i = 0; i < 5; i++) client.check()
    h.clock.now = T0 + 4 * DAY + 700
    await client.renew()
    await client.close()
    const events = h.server.telemetryEvents.map(({ id: _id, ...rest }) => rest)
    expect(events).toEqual([
      { type: 'renewal', at: T0 + 4 * DAY, outcome: 'offline', code: 'NETWORK_UNREACHABLE' },
      { type: 'anomaly', at: T0 + 4 * DAY + 600, code: 'CLOCK_ROLLBACK' },
      { type: 'renewal', at: T0 + 4 * DAY + 700, outcome: 'ok' },
      { type: 'offline', at: T0 + 4 * DAY + 700, seconds: 700 },
    ])
    const text = JSON.stringify(h.server.calls.filter((c) => c.endpoint === 'telemetry'))
    expect(text).not.toContain(LICENSE_KEY)
    expect(text).not.toContain('host-a')
  })

  it('can be switched off', async () => {
    h = await harness({ telemetry: false })
    const client = await h.activated()
    h.clock.now = T0 + 4 * DAY
    await client.renew()
    await client.close()
    expect(h.server.count('telemetry')).toBe(0)
  })
})
