import { afterEach, describe, expect, it } from 'vitest'
import { DAY, T0 } from '../../../core/src/test-support/factory.js'
import { OFFLINE } from '../test-support/fake-server.js'
import { type Harness, harness } from '../test-support/harness.js'
import { formatDay } from './format-date.js'

let h: Harness
afterEach(async () => h?.cleanup())

describe('status()', () => {
  it('is calm while access continues, with the offline date as the deadline', async () => {
    h = await harness()
    const client = await h.activated()
    expect(client.status()).toEqual({
      state: 'active',
      headline: 'Licensed — works offline until 8 Jan',
      detail: 'Your Pro license is active on this device and renews automatically in the background.',
      severity: 'ok',
      deadline: T0 + 7 * DAY,
      renewalPending: false,
      actions: [],
    })
    h.clock.now = T0 + 5 * DAY
    h.server.failNext('renew', OFFLINE)
    await client.renew()
    const pending = client.status()
    expect(pending).toMatchObject({ severity: 'info', renewalPending: true, deadline: T0 + 7 * DAY })
    expect(pending.detail).toBe(
      'Renewal is pending: the license server could not be reached (last try 00:00). Nothing changes meanwhile; it keeps trying in the background.',
    )
  })

  it('says "renewal pending" only after an attempt failed, in every state where renewing can help', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 3 * DAY + 10
    expect(client.status()).toMatchObject({ state: 'renewal_due', renewalPending: false, actions: [] })
    h.server.offline = true
    h.clock.now = T0 + 7 * DAY + 1
    expect(client.status()).toMatchObject({ state: 'offline_grace', renewalPending: false })
    await client.renew()
    expect(client.status()).toMatchObject({ state: 'offline_grace', renewalPending: true })
    h.clock.now = T0 + 10 * DAY
    expect(client.status()).toMatchObject({ state: 'limited', renewalPending: true })
    h.server.offline = false
    await client.renew()
    expect(client.status()).toMatchObject({ state: 'active', renewalPending: false })
    h.server.license('lic_01').revoked = 'license'
    await client.renew()
    expect(client.status()).toMatchObject({ state: 'revoked', renewalPending: false })
  })

  it('names the deadline once: the headline carries the date, the detail does not repeat it', async () => {
    h = await harness()
    const client = await h.activated()
    const dates = (s: { headline: string; detail: string }) =>
      `${s.headline} ${s.detail}`.match(/\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g) ??
      []
    h.clock.now = T0 + 5 * DAY
    h.server.failNext('renew', OFFLINE)
    await client.renew()
    expect(dates(client.status())).toEqual(['8 Jan'])
    h.server.offline = true
    h.clock.now = T0 + 7 * DAY + 1
    await client.renew()
    expect(client.status().state).toBe('offline_grace')
    expect(dates(client.status())).toEqual(['11 Jan'])
  })

  it('words limited mode by its cause: app version, store, grace', async () => {
    h = await harness()
    h.server.policy.vmx = '2.0.0'
    const client = await h.activated()
    expect(client.status()).toMatchObject({
      state: 'limited',
      headline: 'Limited mode',
      detail: expect.stringContaining('(2.1.0) is newer than your license covers'),
      actions: [{ id: 'update-license' }, { id: 'contact-admin' }],
    })
  })

  it('uses the configured time zone for dates (display only) and adds the year when it differs', async () => {
    h = await harness({ timeZone: 'America/Los_Angeles' })
    const client = await h.activated()
    expect(client.status().headline).toBe('Licensed — works offline until 7 Jan 2026') // it is still 2025 there
    expect(client.status().deadline).toBe(T0 + 7 * DAY)
    expect(formatDay(T0 + 7 * DAY, T0 + DAY, 'Pacific/Kiritimati')).toBe('8 Jan')
    expect(formatDay(T0 + 400 * DAY, T0, 'UTC')).toBe('5 Feb 2027')
  })
})

describe('privacyReport()', () => {
  it('says in plain words what is stored and sent, from what this installation does', async () => {
    h = await harness()
    const client = await h.open()
    const report = client.privacyReport()
    expect(report.storeDir).toBe(h.dir)
    expect(report.sentToServer.map((i) => i.what).join('\n')).toContain(
      'machine-id, os, cpu, host, mac, disk',
    )
    expect(report.never).toContain('the license key (it is sent once at activation and never stored)')
    expect(report.text).toContain('Never collected: your name, e-mail address')
    const quiet = await h.open({ telemetry: false })
    expect(quiet.privacyReport().sentToServer.some((i) => i.what.includes('events'))).toBe(false)
  })
})
