import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startTestServer } from '../../packages/server/src/test-support/test-server.js'
import { buildWeb } from '../../packages/web/src/build/build-web.js'
import { launchBrowser, screenshotPath, watchErrors } from './support/browser.js'
import { activateDevice, adminClient, renewDevice, uploadTelemetry } from './support/seed.js'

type License = { id: string; status: string }
type Policy = { rollout?: { percent: number; state: string; toVersion: number } | null }

let srv: RunningServer
let browser: Browser
let page: Page
let errors: string[]
let admin: ReturnType<typeof adminClient>
let token: string

beforeAll(async () => {
  // The server serves packages/web/dist at /dashboard: build it first (the npm test run has no other step for it).
  const [, server, launched] = await Promise.all([buildWeb(), startTestServer(), launchBrowser()])
  srv = server
  browser = launched
  token = srv.init.adminToken
  admin = adminClient(srv.url, token)
  const { product, licenseKey, license } = srv.init.demo!
  const now = Math.floor(Date.now() / 1000)
  const devices = [
    await activateDevice(srv.url, product, licenseKey),
    await activateDevice(srv.url, product, licenseKey),
  ]
  await renewDevice(srv.url, devices[0]!, product, license)
  await Promise.all(devices.map((d, i) => uploadTelemetry(srv.url, d, product, license, now, `seed${i}`)))
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' })
  page.setDefaultTimeout(10_000)
  errors = watchErrors(page)
})
afterAll(async () => {
  await browser?.close()
  await srv?.stop()
})

/** A fresh sign-in through the form (any previous session of the tab is forgotten first). */
async function signIn(as = token): Promise<void> {
  await page.goto(`${srv.url}/dashboard`)
  await page.evaluate(() => sessionStorage.clear())
  await page.reload()
  await page.fill('#token', as)
  await page.click('button[type=submit]')
  await page.locator('[data-kpi="active-devices"]').waitFor()
}

describe('operator dashboard against a real server', () => {
  it('is served at /dashboard with a strict CSP, and unknown files answer problem+json', async () => {
    const res = await fetch(`${srv.url}/dashboard`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await res.text()).toContain('/dashboard/dashboard.js')
    const missing = await fetch(`${srv.url}/dashboard/nothing-here.js`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toContain('application/problem+json')
    expect(((await missing.json()) as { code: string }).code).toBe('NOT_FOUND')
  })

  it('refuses a bad admin token with a clear message and keeps nothing', async () => {
    await page.goto(`${srv.url}/dashboard`)
    await page.fill('#token', 'tsa_not-a-real-token')
    await page.click('button[type=submit]')
    const message = page.locator('#sign-in-error')
    await expect.poll(() => message.textContent()).toContain('not accepted')
    expect(await message.getAttribute('role')).toBe('alert')
    expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0)
    await page.screenshot({ path: screenshotPath('dashboard-sign-in-error') })
    // An empty submit explains itself too.
    await page.fill('#token', '')
    await page.click('button[type=submit]')
    expect(await message.textContent()).toBe('Paste an admin token to sign in.')
  })

  it('signs in, keeps the token in sessionStorage only, and draws the overview charts from real data', async () => {
    await signIn()
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['tessera.adminToken'])
    expect(await page.evaluate(() => localStorage.length + document.cookie.length)).toBe(0)
    expect(page.url()).not.toContain(token)
    const kpi = (id: string) => page.locator(`[data-kpi="${id}"] .kpi-value`).textContent()
    expect(Number(await kpi('active-devices'))).toBeGreaterThanOrEqual(2)
    expect(await kpi('renewal-24h')).toMatch(/%$/)
    expect(await kpi('renewal-7d')).toMatch(/%$/)
    for (const chart of ['renewals', 'offline', 'anomalies']) {
      const svg = page.locator(`svg[data-chart="${chart}"]`)
      expect(await svg.getAttribute('data-empty'), chart).toBeNull()
      expect(await svg.locator('rect').count(), chart).toBeGreaterThan(0)
    }
    expect(
      await page
        .locator('svg[data-chart="anomalies"] g[data-type="CLOCK_ROLLBACK"] rect')
        .getAttribute('data-count'),
    ).toBe('4')
    await page.screenshot({ path: screenshotPath('dashboard-overview'), fullPage: true })
  })

  it('finds a license, shows its devices, and revokes it after a confirmation step; the API agrees', async () => {
    const { product } = srv.init.demo!
    const created = await admin.post<{ id: string; key: string }>('/v1/admin/licenses', {
      product,
      policy: srv.init.demo!.policy,
      seats: 2,
      ownerRef: 'acct_revoke_me',
    })
    await activateDevice(srv.url, product, created.key)
    await signIn()
    await page.click('nav a[href="#/licenses"]')
    await page.fill('#license-q', created.id)
    await page.click('form.search button[type=submit]')
    await page.click(`a[data-license="${created.id}"]`)
    await page.locator('#revoke-license').waitFor()
    expect(await page.locator('.license-detail tbody tr').count()).toBe(1)

    // Cancelling changes nothing.
    await page.click('#revoke-license')
    await page.locator('dialog.confirm').waitFor()
    await page.screenshot({ path: screenshotPath('dashboard-revoke-confirm') })
    await page.click('dialog.confirm button[value=cancel]')
    expect((await admin.get<License>(`/v1/admin/licenses/${created.id}`)).status).toBe('active')

    await page.click('#revoke-license')
    await page.fill('#confirm-reason', 'chargeback')
    await page.click('dialog.confirm button[value=confirm]')
    await expect.poll(() => page.locator('#license-status').textContent()).toBe('revoked')
    expect(await page.locator('#notice').textContent()).toContain('revoked')
    const after = await admin.get<License & { revokedReason?: string }>(`/v1/admin/licenses/${created.id}`)
    expect(after.status).toBe('revoked')
    await page.screenshot({ path: screenshotPath('dashboard-license-revoked'), fullPage: true })
  })

  it('rolls a policy version out to a percentage and rolls it back through the UI; the API agrees', async () => {
    const policyId = srv.init.demo!.policy
    await admin.post(`/v1/admin/policies/${policyId}/versions`, {
      params: {
        offlineWindow: 14 * 86_400,
        renewAfter: 5 * 86_400,
        grace: 3 * 86_400,
        fallback: 'limited',
        accessTokenTtl: 3600,
        maxDevices: 0,
        fingerprintMatch: 3,
        transfers: { max: 3, cooldown: 0 },
        checkIn: 86_400,
      },
    })
    await signIn()
    await page.click('nav a[href="#/policies"]')
    const form = page.locator(`form.rollout-form[data-policy="${policyId}"]`)
    await form.locator('select').selectOption('2')
    await form.locator('input[name=percent]').fill('25')
    await form.locator('button[type=submit]').click()
    const panel = page.locator(`section[data-policy="${policyId}"] .rollout`)
    await expect.poll(() => panel.getAttribute('data-percent')).toBe('25')
    expect(await panel.getAttribute('data-rollout-state')).toBe('active')
    let policy = await admin.get<Policy>(`/v1/admin/policies/${policyId}`)
    expect(policy.rollout).toMatchObject({ toVersion: 2, percent: 25, state: 'active' })
    await page.screenshot({ path: screenshotPath('dashboard-policy-rollout'), fullPage: true })

    await panel.locator('button[data-action=rollback]').click()
    await page.click('dialog.confirm button[value=confirm]')
    await expect.poll(() => panel.getAttribute('data-rollout-state')).toBe('rolled_back')
    policy = await admin.get<Policy>(`/v1/admin/policies/${policyId}`)
    expect(policy.rollout).toMatchObject({ state: 'rolled_back' })
  })

  it('shows the audit log with its chain status', async () => {
    await signIn()
    await page.click('nav a[href="#/audit"]')
    await page.locator('[data-chain]').waitFor()
    expect(await page.locator('[data-chain]').getAttribute('data-chain')).toBe('ok')
    expect(await page.locator('main tbody tr').count()).toBeGreaterThan(0)
    await page.screenshot({ path: screenshotPath('dashboard-audit'), fullPage: true })
  })

  it('explains a missing scope, and ends the session when the token is revoked meanwhile', async () => {
    const viewer = await admin.post<{ id: string; token: string }>('/v1/admin/tokens', {
      label: 'viewer',
      scopes: ['read'],
    })
    await signIn(viewer.token)
    await page.goto(`${srv.url}/dashboard#/licenses/${srv.init.demo!.license}`)
    await page.click('#revoke-license')
    await page.click('dialog.confirm button[value=confirm]')
    await expect.poll(() => page.locator('.action-error [role=alert]').textContent()).toContain('not allowed')
    expect((await admin.get<License>(`/v1/admin/licenses/${srv.init.demo!.license}`)).status).toBe('active')

    await admin.post(`/v1/admin/tokens/${viewer.id}/revoke`)
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
