import { afterEach, describe, expect, it } from 'vitest'
import { DAY, T0, testKey } from '../../../core/src/test-support/factory.js'
import { type Harness, harness } from '../test-support/harness.js'
import { mergeClock, mergeLicense, mergeTelemetry, mergeTrust } from './record-merge.js'
import { emptyLicenseRecord, type QueuedEvent } from './records.js'

let h: Harness
afterEach(async () => h?.cleanup())

const event = (id: string, at = T0): QueuedEvent => ({ id, type: 'renewal', at, outcome: 'ok' })

describe('merging what two processes wrote', () => {
  it('keeps the newest signed time whole (a newer signed time may lower the system mark)', () => {
    const jumped = { trustedTime: T0, trustedAt: T0, highWater: T0 + 400 * DAY }
    const recovered = { trustedTime: T0 + DAY, trustedAt: T0 + DAY, highWater: T0 + DAY }
    expect(mergeClock(jumped, recovered)).toEqual(recovered)
    expect(mergeClock(recovered, { ...recovered, highWater: T0 + 2 * DAY })).toMatchObject({
      highWater: T0 + 2 * DAY,
    })
  })

  it('only raises trust marks; the current root follows the higher root version', () => {
    const root2 = testKey('root-2').jwk
    const a = { keysetVersion: 5, rootVersion: 1, currentRoot: null }
    const b = { keysetVersion: 3, rootVersion: 2, currentRoot: root2 }
    expect(mergeTrust(a, b)).toEqual({ keysetVersion: 5, rootVersion: 2, currentRoot: root2 })
    expect(mergeTrust(b, a)).toEqual({ keysetVersion: 5, rootVersion: 2, currentRoot: root2 })
    expect(mergeTrust(a, a)).toEqual(a)
  })

  it('lets the disk win across activation epochs, so a deactivated lease never comes back', () => {
    const stale = {
      ...emptyLicenseRecord('old'),
      renewal: { ...emptyLicenseRecord('x').renewal, failures: 3 },
    }
    const disk = {
      ...emptyLicenseRecord('new'),
      trust: { keysetVersion: 1, rootVersion: 1, currentRoot: null },
    }
    const merged = mergeLicense(disk, {
      ...stale,
      trust: { keysetVersion: 4, rootVersion: 1, currentRoot: null },
    })
    expect(merged).toMatchObject({ epoch: 'new', bundle: null, trust: { keysetVersion: 4 } })
    expect(merged.renewal.failures).toBe(0)
  })

  it('unions telemetry queues by id, bounded, counting what it drops', () => {
    const disk = { events: [event('a'), event('b')], dropped: 1 }
    const merged = mergeTelemetry(disk, [event('b'), event('c'), event('d')], 3)
    expect(merged.events.map((e) => e.id)).toEqual(['b', 'c', 'd'])
    expect(merged.dropped).toBe(2)
  })

  it('two clients on one store: one renews, the other sees it; both clocks and both queues survive', async () => {
    h = await harness()
    const a = await h.activated()
    const b = await h.open()
    expect(b.check().state).toBe('active')
    h.clock.now = T0 + 3 * DAY + 400
    expect((await a.renew()).outcome).toBe('renewed')
    const renewedLease = a.check().license?.lease
    b.start() // its background tick reloads the store
    await new Promise((resolve) => setTimeout(resolve, 200))
    b.stop()
    expect(b.check()).toMatchObject({ state: 'active', license: { lease: renewedLease } })
    h.server.offline = true
    h.clock.now = T0 + 6 * DAY + 400
    await a.renew()
    await b.renew()
    await a.close()
    await b.close()
    const c = await h.open()
    expect(c.diagnostics().renewal.failures).toBeGreaterThanOrEqual(1)
    expect(c.check().clock.highWater).toBe(T0 + 6 * DAY + 400)
    h.server.offline = false
    expect((await c.renew()).outcome).toBe('renewed')
    await c.close()
    const offline = h.server.telemetryEvents.filter((e) => e.type === 'renewal' && e.outcome === 'offline')
    expect(offline).toHaveLength(2) // one from each process, none lost, none doubled
  })
})
