import { evaluate } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { afterEach, describe, expect, it } from 'vitest'
import { DAY, T0 } from '../../core/src/test-support/factory.js'
import type { ChangeEvent } from './lease/change-feed.js'
import { OFFLINE, problem } from './test-support/fake-server.js'
import { ALL_FEATURES as ALL, type Harness, harness, LICENSE_KEY } from './test-support/harness.js'

let h: Harness
afterEach(async () => h?.cleanup())

describe('state transitions of DESIGN, with an injected clock and a fake server', () => {
  it('not activated → activate → active, and active survives a restart', async () => {
    h = await harness()
    const client = await h.open()
    expect(client.check()).toMatchObject({ state: 'invalid', reasons: ['NOT_ACTIVATED'], features: [] })
    expect(client.status()).toMatchObject({ headline: 'Not activated', actions: [{ id: 'activate' }] })
    const decision = await client.activate(` ${LICENSE_KEY.toLowerCase()} `)
    expect(decision).toMatchObject({ state: 'active', features: ALL, reasons: [], deadline: T0 + 3 * DAY })
    expect(client.can('export')).toBe(true)
    expect(client.can('admin')).toBe(false)
    const reopened = await h.open()
    expect(reopened.check()).toMatchObject({ state: 'active', features: ALL })
  })

  it('active → renewal_due → renewed (a fresh lease moves every deadline)', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 3 * DAY + 10
    expect(client.check()).toMatchObject({ state: 'renewal_due', reasons: ['RENEWAL_DUE'], features: ALL })
    expect(client.status()).toMatchObject({
      severity: 'ok',
      renewalPending: false, // due, but nothing failed yet
      detail: 'Renewing in the background; nothing to do.',
    })
    const result = await client.renew()
    expect(result.outcome).toBe('renewed')
    expect(result.decision).toMatchObject({ state: 'active', deadline: h.clock.now + 3 * DAY })
    expect(result.decision.license?.lease).not.toBe('lea_2')
    expect(h.server.count('renew')).toBe(1)
  })

  it('renewal_due → offline_grace → limited with essential features (fallback limited)', async () => {
    h = await harness()
    const client = await h.activated()
    h.server.offline = true
    h.clock.now = T0 + 7 * DAY + 1
    expect(client.check()).toMatchObject({ state: 'offline_grace', features: ALL, deadline: T0 + 10 * DAY })
    expect(client.status()).toMatchObject({
      severity: 'warning',
      headline: 'Licensed — please connect by 11 Jan',
    })
    h.clock.now = T0 + 10 * DAY
    expect(client.check()).toMatchObject({ state: 'limited', features: ['view'], reasons: ['GRACE_ENDED'] })
    expect(client.status()).toMatchObject({
      headline: 'Limited mode',
      actions: [{ id: 'connect' }, { id: 'renew' }],
    })
    h.server.offline = false
    expect((await client.renew()).decision).toMatchObject({ state: 'active', features: ALL })
  })

  it('offline_grace → expired when the policy falls back to deny', async () => {
    h = await harness()
    h.server.policy.fallback = 'deny'
    const client = await h.activated()
    h.clock.now = T0 + 10 * DAY + 5
    expect(client.check()).toMatchObject({ state: 'expired', features: [], reasons: ['GRACE_ENDED'] })
    expect(client.status()).toMatchObject({ severity: 'error', headline: 'License expired' })
  })

  it('a failed renewal changes only the status, never access', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 4 * DAY
    const before = client.check()
    h.server.failNext('renew', OFFLINE)
    const result = await client.renew()
    expect(result.outcome).toBe('offline')
    const after = client.check()
    expect({ ...after, clock: null, time: null }).toEqual({ ...before, clock: null, time: null })
    const status = client.status()
    expect(status).toMatchObject({ state: 'renewal_due', severity: 'info', renewalPending: true })
    expect(status.detail).toContain('could not be reached (last try ')
    expect(status.actions).toEqual([{ id: 'renew', label: 'Try renewing now' }])
  })

  it('revoked at renewal locks at once, and stays locked after a restart', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 4 * DAY
    h.server.license('lic_01').revoked = 'license'
    const result = await client.renew()
    expect(result).toMatchObject({ outcome: 'revoked', code: 'LICENSE_REVOKED', nextAttemptAt: null })
    expect(client.check()).toMatchObject({ state: 'revoked', features: [], reasons: ['REVOKED'] })
    expect(client.status()).toMatchObject({ headline: 'License revoked', severity: 'error' })
    await client.close()
    const reopened = await h.open()
    expect(reopened.check()).toMatchObject({ state: 'revoked', features: [] })
    h.clock.now = T0 + 1 * DAY
    expect(reopened.check().state).toBe('revoked')
  })

  it('a 403 whose status receipt does not verify locks nothing', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 4 * DAY
    h.server.failNext('renew', () =>
      problem('LICENSE_REVOKED', 403, 'rejected', null, 'forged.status.receipt'),
    )
    expect((await client.renew()).outcome).toBe('rejected')
    expect(client.check().state).toBe('renewal_due')
  })

  it('a feature change at renewal is applied and announced', async () => {
    h = await harness()
    const client = await h.activated()
    const events: ChangeEvent[] = []
    client.on('change', (e) => events.push(e))
    h.server.license('lic_01').features = ['view', 'sync', 'cloud']
    h.clock.now = T0 + 4 * DAY
    expect((await client.renew()).decision.features).toEqual(['cloud', 'sync', 'view'])
    await Promise.resolve()
    const change = events.find((e) => e.decision.features.includes('cloud'))
    expect(change?.previous?.features).toEqual(ALL)
    expect(client.can('export')).toBe(false)
  })

  it('clock rollback below the mark: anomaly, no extension, also after a restart', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 5 * DAY
    expect(client.check().state).toBe('renewal_due')
    h.clock.now = T0 + DAY
    const rolled = client.check()
    expect(rolled).toMatchObject({ state: 'renewal_due', reasons: ['RENEWAL_DUE', 'CLOCK_ROLLBACK'] })
    expect(rolled.time).toBeGreaterThanOrEqual(T0 + 5 * DAY)
    expect(client.status().actions.map((a) => a.id)).toContain('check-clock')
    await client.close()
    const reopened = await h.open()
    expect(reopened.check()).toMatchObject({
      state: 'renewal_due',
      reasons: ['RENEWAL_DUE', 'CLOCK_ROLLBACK'],
    })
    expect(reopened.diagnostics().input.clock.highWater).toBeGreaterThanOrEqual(T0 + 5 * DAY)
  })

  it('a forward jump expires as the policy says; a signed server time brings access back', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 30 * DAY
    expect(client.check()).toMatchObject({ state: 'limited', features: ['view'] })
    h.clock.now = T0 + DAY
    expect(client.check()).toMatchObject({ state: 'limited', reasons: ['GRACE_ENDED', 'CLOCK_ROLLBACK'] })
    const result = await client.renew()
    expect(result.outcome).toBe('renewed')
    expect(client.check()).toMatchObject({ state: 'active', reasons: [], features: ALL })
  })

  it('a device clock far off still activates and renews: the refused proof triggers a time sync', async () => {
    h = await harness()
    const server = { t: T0 + 2 * 3600 } // the device runs two hours behind the server
    h.server.now = () => server.t
    const client = await h.open()
    expect((await client.activate(LICENSE_KEY)).state).toBe('active')
    expect(h.server.count('time')).toBe(1)
    expect(h.server.count('nonce')).toBe(2)
    server.t += 4 * DAY
    h.clock.now += 4 * DAY
    expect((await client.renew()).outcome).toBe('renewed')
    expect(h.server.count('time')).toBe(1)
  })

  it('a device clock that jumps days ahead within the second of activation still renews', async () => {
    h = await harness()
    h.server.now = () => T0 // the server's clock has not reached the next second
    const client = await h.activated()
    h.clock.now = T0 + 3 * DAY + 60
    expect((await client.renew()).outcome).toBe('renewed')
    expect(h.server.count('time')).toBe(1)
    expect(client.check()).toMatchObject({ state: 'active', deadline: T0 + 3 * DAY })
  })

  it('time zones and DST have no effect on decisions', async () => {
    h = await harness()
    const client = await h.activated()
    const saved = process.env.TZ
    const decisions = []
    for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      process.env.TZ = tz
      h.clock.now = T0 + 3 * DAY - 1
      decisions.push(client.check())
    }
    if (saved === undefined) delete process.env.TZ
    else process.env.TZ = saved
    for (const d of decisions) expect(d).toEqual(decisions[0])
  })

  it('check() reproduces exactly with core.evaluate from the redacted diagnostics', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 8 * DAY
    const report = client.diagnostics()
    expect(report.reproducible).toBe(true)
    const text = JSON.stringify(report)
    expect(text).not.toContain(LICENSE_KEY)
    expect(text).not.toContain('"d":')
    expect(report.redactions).toContain('access token')
    const replayed = evaluate(JSON.parse(text).input, nodeCrypto)
    expect(replayed).toEqual(client.check())
  })
  it('leaves the live access token out of diagnostics and still reproduces the decision', async () => {
    h = await harness()
    const client = await h.activated()
    const report = client.diagnostics()
    expect(report.redactions).toContain('access token')
    expect(JSON.stringify(report.input)).not.toContain('"access"')
    expect(report.reproducible).toBe(true)
    expect(report.notes).toEqual([])
  })
})
