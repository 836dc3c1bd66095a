import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeSession, openSession, screenshotPath } from './support/browser.js'
import { type DashboardSite, signIn as signInAs, startDashboardSite } from './support/dashboard-site.js'
import { activateDevice } from './support/seed.js'

type License = { id: string; status: string }
type Policy = { rollout?: { percent: number; state: string; toVersion: number } | null }
type Stats = {
  devices: { active: number; grace: number; limited: number; truncated: boolean }
  renewals: {
    last24h: { rate: number | null; total: number }
    last7d: { rate: number | null; total: number }
    leasesIssued: { last24h: number; last7d: number }
  }
  anomalies: { code: string; count: number }[]
  refusals: { code: string; count: number }[]
  revocations: { recent: { kind: string; targetId: string; licenseId: string; reason: string }[] }
}
type DeviceDetail = {
  bindings: {
    device: { status: string; revokedReason: string | null }
    revocation: { reason: string } | null
  }[]
}

const count = (n: number) => new Intl.NumberFormat('en-US').format(n)
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`)
const short = (id: string) => (id.length > 16 ? `${id.slice(0, 12)}…` : id)

let site: DashboardSite
let browser: Browser
let page: Page
let errors: string[]

beforeAll(async () => {
  ;({ site, browser, page, errors } = await openSession(startDashboardSite, {
    width: 1280,
    height: 900,
    locale: 'en-US',
  }))
  page.setDefaultTimeout(10_000)
})
afterAll(() => closeSession({ site, browser }))

const signIn = (as?: string) => signInAs(page, site, as)
const kpi = (id: string) => page.locator(`[data-kpi="${id}"] .kpi-value`).textContent()

describe('operator dashboard against a real server', () => {
  it('is served at /dashboard with a strict CSP, and unknown files answer problem+json', async () => {
    const res = await fetch(`${site.srv.url}/dashboard`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await res.text()).toContain('/dashboard/dashboard.js')
    const missing = await fetch(`${site.srv.url}/dashboard/nothing-here.js`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toContain('application/problem+json')
    expect(((await missing.json()) as { code: string }).code).toBe('NOT_FOUND')
  })

  it('refuses a bad admin token with a clear message and keeps nothing', async () => {
    await page.goto(`${site.srv.url}/dashboard`)
    await page.fill('#token', 'tsa_not-a-real-token')
    await page.click('button[type=submit]')
    const message = page.locator('#sign-in-error')
    await expect.poll(() => message.textContent()).toContain('not accepted')
    expect(await message.getAttribute('role')).toBe('alert')
    expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0)
    await page.screenshot({ path: screenshotPath('dashboard-sign-in-error') })
    await page.fill('#token', '')
    await page.click('button[type=submit]')
    expect(await message.textContent()).toBe('Paste an admin token to sign in.')
  })

  it('shows the overview figures the API gives: devices in grace and limited, 24 h vs 7 d renewals, leases, anomalies by source', async () => {
    await signIn()
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['tessera.adminToken'])
    expect(await page.evaluate(() => localStorage.length + document.cookie.length)).toBe(0)
    expect(page.url()).not.toContain(site.token)
    const stats = await site.admin.get<Stats>('/v1/admin/stats')
    // The seed: one device 8 days away (grace), one 20 days away (limited); telemetry so the rates differ.
    expect([stats.devices.grace, stats.devices.limited]).toEqual([1, 1])
    expect(stats.renewals.last24h.rate).not.toBe(stats.renewals.last7d.rate)
    expect(await kpi('active-devices')).toBe(count(stats.devices.active))
    expect(await kpi('grace')).toBe(count(stats.devices.grace))
    expect(await kpi('limited')).toBe(count(stats.devices.limited))
    expect(await kpi('renewal-24h')).toBe(percent(stats.renewals.last24h.rate))
    expect(await kpi('renewal-7d')).toBe(percent(stats.renewals.last7d.rate))
    expect(await kpi('leases-24h')).toBe(count(stats.renewals.leasesIssued.last24h))
    const total = [...stats.anomalies, ...stats.refusals].reduce((n, a) => n + a.count, 0)
    expect(await kpi('anomalies')).toBe(count(total))
    expect(await page.locator('[data-truncated]').count()).toBe(stats.devices.truncated ? 1 : 0)
    for (const chart of ['renewals', 'offline', 'anomalies']) {
      const svg = page.locator(`svg[data-chart="${chart}"]`)
      expect(await svg.getAttribute('data-empty'), chart).toBeNull()
      expect(await svg.locator('rect').count(), chart).toBeGreaterThan(0)
    }
    const bar = (source: string, type: string) =>
      page
        .locator(`svg[data-chart="anomalies"] g[data-source="${source}"][data-type="${type}"] rect`)
        .getAttribute('data-count')
    expect(await bar('device', 'CLOCK_ROLLBACK')).toBe('4')
    expect(await bar('server', 'PROOF_INVALID')).toBe(
      String(stats.refusals.find((r) => r.code === 'PROOF_INVALID')?.count),
    )
    expect(await page.locator('svg[data-chart="anomalies"]').textContent()).toContain(
      'PROOF_INVALID (server)',
    )
    await page.screenshot({ path: screenshotPath('dashboard-overview'), fullPage: true })
  })

  it('shows the server’s lease count where no device has reported renewals yet', async () => {
    const answer = {
      generatedAt: 1,
      renewals: { last24h: { total: 0 }, leasesIssued: { last24h: 7, last7d: 9 } },
    }
    await page.route('**/v1/admin/stats', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) }),
    )
    try {
      await page.goto(`${site.srv.url}/dashboard#/audit`)
      await page.click('nav a[href="#/"]')
      await expect.poll(() => kpi('renewal-24h')).toBe('7 issued')
      expect(await page.locator('[data-kpi="renewal-24h"]').getAttribute('data-source')).toBe('server')
      expect(await kpi('renewal-7d')).toBe('9 issued')
    } finally {
      await page.unroute('**/v1/admin/stats')
    }
  })

  it('finds licenses and devices with one search box, and opens a device page', async () => {
    await signIn()
    const device = site.stale.grace
    const deviceSearches: string[] = []
    const watch = (req: { url(): string }) => {
      if (req.url().includes('/v1/admin/devices?')) deviceSearches.push(req.url())
    }
    page.on('request', watch)
    await page.click('nav a[href="#/licenses"]')
    // No query, no device search (it would list and count every device).
    await expect
      .poll(() => page.locator('[data-results="devices"] .empty').textContent())
      .toContain('Search for a device id')
    page.off('request', watch)
    expect(deviceSearches).toEqual([])
    await page.fill('#search-q', device.id.slice(0, 10))
    await page.click('form.search button[type=submit]')
    const found = page.locator('[data-results="devices"] tbody tr')
    await expect.poll(() => found.count()).toBe(1)
    expect(await page.locator('[data-results="licenses"] .empty').textContent()).toContain('No license')
    // A license id finds the license and its devices.
    await page.fill('#search-q', site.stale.license)
    await page.click('form.search button[type=submit]')
    await expect.poll(() => found.count()).toBe(3)
    expect(
      await page.locator(`[data-results="licenses"] a[data-license="${site.stale.license}"]`).count(),
    ).toBe(1)
    await page.screenshot({ path: screenshotPath('dashboard-search'), fullPage: true })
    await page.click(`[data-results="devices"] a[data-device-link="${device.id}"]`)
    await page.locator('.device-detail').waitFor()
    expect(await page.locator('.binding').getAttribute('data-license')).toBe(site.stale.license)
    expect(await page.locator('.binding .device-status').textContent()).toBe('active')
  })

  it('shows a license’s devices and the leases the API returns', async () => {
    await signIn()
    const { license } = site.srv.init.demo!
    const api = await site.admin.get<{ leases: { jti: string }[]; devices: unknown[] }>(
      `/v1/admin/licenses/${license}`,
    )
    await page.goto(`${site.srv.url}/dashboard#/licenses/${license}`)
    const leases = page.locator('[data-section="leases"] tbody tr')
    await expect.poll(() => leases.count()).toBe(api.leases.length)
    expect(api.leases.length).toBeGreaterThanOrEqual(3) // two activations and a renewal
    expect(await leases.first().locator('td').first().textContent()).toBe(short(api.leases[0]!.jti))
    expect(await page.locator('.license-detail section').nth(1).locator('tbody tr').count()).toBe(
      api.devices.length,
    )
    await page.screenshot({ path: screenshotPath('dashboard-license-detail'), fullPage: true })
  })

  it('revokes a license after a confirmation step; the API and the overview agree', async () => {
    const { product, policy } = site.srv.init.demo!
    const created = await site.admin.post<{ id: string; key: string }>('/v1/admin/licenses', {
      product,
      policy,
      seats: 2,
      ownerRef: 'acct_revoke_me',
    })
    await activateDevice(site.srv.url, product, created.key)
    await signIn()
    await page.click('nav a[href="#/licenses"]')
    await page.fill('#search-q', created.id)
    await page.click('form.search button[type=submit]')
    await page.click(`a[data-license="${created.id}"]`)
    await page.locator('#revoke-license').waitFor()
    // Cancelling changes nothing.
    await page.click('#revoke-license')
    await page.locator('dialog.confirm').waitFor()
    await page.screenshot({ path: screenshotPath('dashboard-revoke-confirm') })
    await page.click('dialog.confirm button[value=cancel]')
    expect((await site.admin.get<License>(`/v1/admin/licenses/${created.id}`)).status).toBe('active')

    await page.click('#revoke-license')
    await page.fill('#confirm-reason', 'chargeback')
    await page.click('dialog.confirm button[value=confirm]')
    await expect.poll(() => page.locator('#license-status').textContent()).toBe('revoked')
    expect(await page.locator('#notice').textContent()).toContain('revoked')
    expect((await site.admin.get<License>(`/v1/admin/licenses/${created.id}`)).status).toBe('revoked')
    await page.screenshot({ path: screenshotPath('dashboard-license-revoked'), fullPage: true })

    await page.click('nav a[href="#/"]')
    const first = page.locator('.overview section.panel tbody tr').first()
    await expect.poll(() => first.textContent()).toContain(created.id)
    expect(await first.textContent()).toContain('chargeback')
  })

  it('revokes a device from its page after a confirmation step; the API and the overview agree', async () => {
    const device = site.stale.fresh
    await signIn()
    await page.goto(`${site.srv.url}/dashboard#/devices/${device.id}`)
    const button = page.locator('button[data-action="revoke-device"]')
    await button.waitFor()
    await page.screenshot({ path: screenshotPath('dashboard-device-detail'), fullPage: true })
    await button.click()
    await page.locator('dialog.confirm').waitFor()
    await page.fill('#confirm-reason', 'stolen laptop')
    await page.screenshot({ path: screenshotPath('dashboard-device-revoke-confirm') })
    await page.click('dialog.confirm button[value=confirm]')
    await expect.poll(() => page.locator('.binding').getAttribute('data-device-status')).toBe('revoked')
    expect(await page.locator('[data-revocation]').getAttribute('data-revocation')).toBe('stolen laptop')
    expect(await button.count()).toBe(0)
    const api = await site.admin.get<DeviceDetail>(`/v1/admin/devices/${device.id}`)
    expect(api.bindings[0]).toMatchObject({
      device: { status: 'revoked', revokedReason: 'stolen laptop' },
      revocation: { reason: 'stolen laptop' },
    })
    await page.screenshot({ path: screenshotPath('dashboard-device-revoked'), fullPage: true })

    const stats = await site.admin.get<Stats>('/v1/admin/stats')
    expect(stats.revocations.recent[0]).toMatchObject({ kind: 'device', targetId: device.id })
    await page.click('nav a[href="#/"]')
    const first = page.locator('.overview section.panel tbody tr').first()
    await expect.poll(() => first.textContent()).toContain(short(device.id))
    expect(await first.textContent()).toContain('stolen laptop')
  })

  it('rolls a policy version out to a percentage and rolls it back through the UI; the API agrees', async () => {
    const policyId = site.srv.init.demo!.policy
    await site.admin.post(`/v1/admin/policies/${policyId}/versions`, { params: params(14) })
    await signIn()
    await page.click('nav a[href="#/policies"]')
    const before = page.locator(`section[data-policy="${policyId}"] .rollout`)
    const detail = await site.admin.get<{ versions: { version: number; licenses: number }[] }>(
      `/v1/admin/policies/${policyId}`,
    )
    const v1 = detail.versions.find((v) => v.version === 1)!.licenses
    // Said from the API's counts, not assumed.
    expect(await before.textContent()).toBe(`No rollout. Every license follows version 1 (${v1} licenses).`)
    const form = page.locator(`form.rollout-form[data-policy="${policyId}"]`)
    await form.locator('select').selectOption('2')
    await form.locator('input[name=percent]').fill('25')
    await form.locator('button[type=submit]').click()
    const panel = page.locator(`section[data-policy="${policyId}"] .rollout`)
    await expect.poll(() => panel.getAttribute('data-percent')).toBe('25')
    expect(await panel.getAttribute('data-rollout-state')).toBe('active')
    let policy = await site.admin.get<Policy>(`/v1/admin/policies/${policyId}`)
    expect(policy.rollout).toMatchObject({ toVersion: 2, percent: 25, state: 'active' })
    await page.screenshot({ path: screenshotPath('dashboard-policy-rollout'), fullPage: true })

    await panel.locator('button[data-action=rollback]').click()
    await page.click('dialog.confirm button[value=confirm]')
    await expect.poll(() => panel.getAttribute('data-rollout-state')).toBe('rolled_back')
    policy = await site.admin.get<Policy>(`/v1/admin/policies/${policyId}`)
    expect(policy.rollout).toMatchObject({ state: 'rolled_back' })
  })

  it('completes a rollout with the “complete” control (only at 100 %); the API agrees', async () => {
    const created = await site.admin.post<{ id: string }>('/v1/admin/policies', {
      product: site.srv.init.demo!.product,
      name: 'Complete me',
      params: params(7),
    })
    await site.admin.post(`/v1/admin/policies/${created.id}/versions`, { params: params(10) })
    await signIn()
    await page.click('nav a[href="#/policies"]')
    const form = page.locator(`form.rollout-form[data-policy="${created.id}"]`)
    expect(await page.locator(`section[data-policy="${created.id}"] .rollout`).textContent()).toBe(
      'No rollout. No license follows this policy yet.',
    )
    await form.locator('select').selectOption('2')
    await form.locator('input[name=percent]').fill('50')
    await form.locator('input[name=complete]').check()
    await form.locator('button[type=submit]').click()
    const error = page.locator(`section[data-policy="${created.id}"] .action-error [role=alert]`)
    await expect.poll(() => error.textContent()).toContain('100 %')
    expect((await site.admin.get<Policy>(`/v1/admin/policies/${created.id}`)).rollout).toBeNull()
    await form.locator('input[name=percent]').fill('100')
    await form.locator('button[type=submit]').click()
    const panel = page.locator(`section[data-policy="${created.id}"] .rollout`)
    await expect.poll(() => panel.getAttribute('data-rollout-state')).toBe('completed')
    expect((await site.admin.get<Policy>(`/v1/admin/policies/${created.id}`)).rollout).toMatchObject({
      toVersion: 2,
      percent: 100,
      state: 'completed',
    })
    expect(await panel.locator('button[data-action=rollback]').count()).toBe(0)
    await page.screenshot({ path: screenshotPath('dashboard-policy-completed'), fullPage: true })
  })

  it('pages through the audit log by cursors, newest first, with its chain status', async () => {
    for (let i = 0; i < 60; i++)
      await site.admin.post('/v1/admin/tokens', { label: `audit filler ${i}`, scopes: ['read'] })
    type Rows = { rows: { seq: number }[] }
    const newest = (await site.admin.get<Rows>('/v1/admin/audit?order=desc&limit=50')).rows.map((r) => r.seq)
    const older = (
      await site.admin.get<Rows>(`/v1/admin/audit?order=desc&limit=50&before=${newest.at(-1)}`)
    ).rows.map((r) => r.seq)
    const seqs = () => page.locator('main tbody tr td:first-child').allTextContents()
    await signIn()
    await page.click('nav a[href="#/audit"]')
    await page.locator('[data-chain]').waitFor()
    expect(await page.locator('[data-chain]').getAttribute('data-chain')).toBe('ok')
    await expect.poll(seqs).toEqual(newest.map(String))
    expect(await page.locator('a[data-page="newer"]').count()).toBe(0)
    await page.screenshot({ path: screenshotPath('dashboard-audit'), fullPage: true })
    await page.click('a[data-page="older"]')
    await expect.poll(seqs).toEqual(older.map(String))
    await page.screenshot({ path: screenshotPath('dashboard-audit-older'), fullPage: true })
    await page.click('a[data-page="newer"]')
    await expect.poll(seqs).toEqual(newest.map(String))
  })

  it('explains a missing scope, and ends the session when the token is revoked meanwhile', async () => {
    const viewer = await site.admin.post<{ id: string; token: string }>('/v1/admin/tokens', {
      label: 'viewer',
      scopes: ['read'],
    })
    await signIn(viewer.token)
    const { license } = site.srv.init.demo!
    await page.goto(`${site.srv.url}/dashboard#/licenses/${license}`)
    await page.click('#revoke-license')
    await page.click('dialog.confirm button[value=confirm]')
    await expect.poll(() => page.locator('.action-error [role=alert]').textContent()).toContain('not allowed')
    expect((await site.admin.get<License>(`/v1/admin/licenses/${license}`)).status).toBe('active')

    await site.admin.post(`/v1/admin/tokens/${viewer.id}/revoke`)
    await page.click('nav a[href="#/audit"]')
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toContain('session ended')
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0)
  })

  it('signs out and forgets the token; the page never logged an error', async () => {
    await signIn()
    await page.click('#sign-out')
    await page.locator('#token').waitFor()
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0)
    // The 401s and the 403 provoked above are expected network errors; anything else is a bug.
    expect(errors.filter((e) => !/status of 40[13]/.test(e))).toEqual([])
  })
})

/** Policy parameters with an offline window of `days`. */
function params(days: number) {
  return {
    offlineWindow: days * 86_400,
    renewAfter: Math.floor(days / 2) * 86_400,
    grace: 3 * 86_400,
    fallback: 'limited',
    accessTokenTtl: 3600,
    maxDevices: 0,
    fingerprintMatch: 3,
    transfers: { max: 3, cooldown: 0 },
    checkIn: 86_400,
  }
}
