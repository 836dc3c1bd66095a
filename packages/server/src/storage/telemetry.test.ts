import { describe, expect, it } from 'vitest'
import { isStorageError } from './errors.js'
import type { TelemetryEvent } from './telemetry.js'
import { dialects, useStorage } from './test-support/databases.js'
import { T0, uid } from './test-support/seed.js'

describe.each(dialects)('telemetry on %s', (dialect) => {
  const ctx = useStorage(dialect)

  const event = (
    productId: string,
    type: string,
    at: number,
    data: TelemetryEvent['data'],
  ): TelemetryEvent => ({
    id: uid('evt'),
    deviceHash: 'dh_1',
    productId,
    type,
    at,
    data,
    receivedAt: T0 + 1000,
  })

  it('inserts many events, ignoring re-uploads', async () => {
    const { s } = ctx
    const productId = uid('prd')
    const events = Array.from({ length: 1200 }, (_, i) =>
      event(productId, 'renewal', T0 + i, { outcome: 'ok' }),
    )
    expect(await s.insertTelemetry(events)).toBe(1200)
    expect(await s.insertTelemetry(events.slice(0, 10))).toBe(0)
    expect(await s.insertTelemetry([])).toBe(0)
    expect(await s.countTelemetry({ productId, from: T0, to: T0 + 2000 })).toEqual([
      { type: 'renewal', outcome: 'ok', count: 1200 },
    ])
  })

  it('counts by type and outcome within [from, to)', async () => {
    const { s } = ctx
    const productId = uid('prd')
    await s.insertTelemetry([
      event(productId, 'renewal', T0, { outcome: 'ok' }),
      event(productId, 'renewal', T0 + 1, { outcome: 'ok' }),
      event(productId, 'renewal', T0 + 2, { outcome: 'network_error' }),
      event(productId, 'anomaly', T0 + 3, { kind: 'clock_rollback' }),
      event(productId, 'renewal', T0 + 10, { outcome: 'ok' }), // outside the range
      event(uid('prd'), 'renewal', T0, { outcome: 'ok' }), // other product
    ])
    expect(await s.countTelemetry({ productId, from: T0, to: T0 + 10 })).toEqual([
      { type: 'anomaly', outcome: null, count: 1 },
      { type: 'renewal', outcome: 'network_error', count: 1 },
      { type: 'renewal', outcome: 'ok', count: 2 },
    ])
  })

  it('returns numeric field values (offline durations) in ascending order, skipping non-numbers', async () => {
    const { s } = ctx
    const productId = uid('prd')
    await s.insertTelemetry([
      event(productId, 'offline', T0, { seconds: 3600 }),
      event(productId, 'offline', T0 + 1, { seconds: 60.5 }),
      event(productId, 'offline', T0 + 2, { seconds: 'lots' }),
      event(productId, 'offline', T0 + 3, {}),
      event(productId, 'renewal', T0, { seconds: 1 }),
    ])
    expect(
      await s.telemetryValues({ productId, type: 'offline', field: 'seconds', from: T0, to: T0 + 10 }),
    ).toEqual([60.5, 3600])
    const bad = await s
      .telemetryValues({ productId, type: 'offline', field: "x') or 1=1 --", from: T0, to: T0 + 10 })
      .catch((e) => e)
    expect(isStorageError(bad, 'STORAGE_INVALID')).toBe(true)
  })

  it('prunes events received before a cut-off', async () => {
    const { s } = ctx
    const productId = uid('prd')
    await s.insertTelemetry([{ ...event(productId, 'x', T0, {}), receivedAt: T0 - 5000 }])
    expect(await s.pruneTelemetry(T0 - 4000)).toBeGreaterThanOrEqual(1)
    expect(await s.countTelemetry({ productId, from: 0, to: T0 * 2 })).toEqual([])
  })
})
