import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DAY, type Rig, startRig } from './support.js'

const ALL = ['edit', 'export', 'sync', 'view']

let rig: Rig
beforeAll(async () => {
  rig = await startRig(7)
})
afterAll(async () => {
  await rig?.close()
})

describe('outages through the fault proxy (demo policy: 7 d window, renew after 3 d, 3 d grace, fallback limited)', () => {
  it('flapping network during renewal: renewal eventually succeeds, access never drops', async () => {
    const c = await rig.client('flap')
    await c.activate(rig.init.demo!.licenseKey)
    const first = c.check()
    expect(first.state).toBe('active')
    rig.clock.advance(3 * DAY + 3600)
    expect(c.check().state).toBe('renewal_due')
    await rig.proxy.set({ fault: 'reset', rate: 0.5 })
    let renewed = false
    const outcomes: string[] = []
    for (let i = 0; i < 40 && !renewed; i++) {
      // The first attempt always meets a fault; then half the requests fail, resets and 502s in turn.
      await rig.proxy.set({ fault: i % 2 === 0 ? 'reset' : 'error', status: 502, rate: i === 0 ? 1 : 0.5 })
      const r = await c.renew()
      outcomes.push(r.outcome)
      expect(c.check().features).toEqual(ALL)
      expect(['active', 'renewal_due']).toContain(c.check().state)
      renewed = r.outcome === 'renewed'
      if (!renewed) rig.clock.advance(120) // past the client's back-off floor, well inside the window
    }
    expect(renewed, outcomes.join(',')).toBe(true)
    expect(rig.proxy.counts.reset + rig.proxy.counts.error).toBeGreaterThan(0)
    expect(c.check().state).toBe('active')
    await rig.proxy.set({ fault: 'pass' })
  })

  it('total outages: shorter than the window, inside grace, past window + grace → exactly the policy', async () => {
    const c = await rig.client('outage')
    await c.activate(rig.init.demo!.licenseKey)
    const start = rig.clock.now()
    const at = (days: number) => {
      rig.clock.offset += start + days * DAY - rig.clock.now()
    }
    await rig.proxy.set({ fault: 'refuse' })
    const seen: Record<string, { state: string; features: string[] }> = {}
    for (const d of [0.5, 2.9, 3.1, 5, 6.9, 7.1, 8, 9.9, 10.1, 12, 30]) {
      at(d)
      if (d >= 3.1) await c.renew() // fails: refused
      const x = c.check()
      seen[d] = { state: x.state, features: [...x.features].sort() }
    }
    expect(seen[0.5]).toEqual({ state: 'active', features: ALL })
    expect(seen[2.9]).toEqual({ state: 'active', features: ALL })
    for (const d of [3.1, 5, 6.9])
      expect(seen[d], `day ${d}`).toEqual({ state: 'renewal_due', features: ALL })
    for (const d of [7.1, 8, 9.9])
      expect(seen[d], `day ${d}`).toEqual({ state: 'offline_grace', features: ALL })
    for (const d of [10.1, 12, 30])
      expect(seen[d], `day ${d}`).toEqual({ state: 'limited', features: ['view'] })
    // Back online: the next renewal restores full access.
    await rig.proxy.set({ fault: 'pass' })
    const r = await c.renew()
    expect(r.outcome).toBe('renewed')
    expect(c.check().state).toBe('active')
    expect([...c.check().features].sort()).toEqual(ALL)
  })

  it('revocation bound: offline device loses access by exp + grace; online one at that contact', async () => {
    const created = await rig.admin('POST', '/v1/admin/licenses', {
      product: 'demo',
      policy: rig.init.demo!.policy,
      seats: 2,
    })
    expect(created.status).toBe(201)
    const offline = await rig.client('rev-off')
    const online = await rig.client('rev-on')
    await offline.activate(created.body.key)
    await online.activate(created.body.key)
    const leaseExp = rig.clock.now() + 7 * DAY // the lease just issued: exp = iat + offline window
    const revoke = await rig.admin('POST', `/v1/admin/licenses/${created.body.id}/revoke`, {
      reason: 'refund',
    })
    expect(revoke.status).toBe(200)
    // Online: loses it at that contact.
    const r = await online.renew()
    expect(r.outcome).toBe('revoked')
    expect(online.check().state).toBe('revoked')
    expect(online.check().features).toEqual([])
    // Offline (proxy refuses): never later than exp + grace.
    await rig.proxy.set({ fault: 'refuse' })
    const start = rig.clock.now()
    const horizon = leaseExp + 3 * DAY
    for (let t = start; t <= horizon + DAY; t += DAY / 2) {
      rig.clock.offset += t - rig.clock.now()
      await offline.renew()
      const x = offline.check()
      if (rig.clock.now() > horizon + 1) {
        expect(
          x.features.filter((f) => f !== 'view'),
          `t=${t}`,
        ).toEqual([])
        expect(['limited', 'revoked', 'expired']).toContain(x.state)
      }
    }
    await rig.proxy.set({ fault: 'pass' })
  })
})
