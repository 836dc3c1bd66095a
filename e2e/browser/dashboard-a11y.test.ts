import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeSession, openSession } from './support/browser.js'
import { contrastFailures, type DashboardSite, signIn, startDashboardSite } from './support/dashboard-site.js'

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

/** What has the keyboard focus: the element's id, else its tag and text. */
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return 'body'
    return el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}:${el.textContent?.trim() ?? ''}`
  })

/** Presses Tab until `target` has the focus (at most `max` times); the path it took. */
async function tabTo(target: string, max = 40): Promise<string[]> {
  const path: string[] = []
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    path.push(await focused())
    if (path.at(-1) === target) return path
  }
  throw new Error(`Tab never reached ${target}: ${path.join(' → ')}`)
}

describe('operator dashboard with the keyboard only', () => {
  it('reaches the skip link, every navigation link and sign-out in order, and Enter follows a link', async () => {
    await signIn(page, site)
    await page.reload() // nothing focused: Tab starts at the top of the page
    await page.locator('[data-kpi="active-devices"]').waitFor()
    const path = await tabTo('#sign-out')
    expect(path).toEqual([
      'a:Skip to content',
      'a:Tessera',
      'a:Overview',
      'a:Licenses & devices',
      'a:Policies',
      'a:Audit log',
      '#sign-out',
    ])
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Shift+Tab')
    expect(await focused()).toBe('a:Policies')
    await page.keyboard.press('Enter')
    await page.locator('form.rollout-form').first().waitFor()
    expect(new URL(page.url()).hash).toBe('#/policies')
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Policies')
  })

  it('fills and submits the search form from the keyboard', async () => {
    await signIn(page, site)
    await page.goto(`${site.srv.url}/dashboard#/licenses`)
    await page.locator('#search-q').waitFor()
    await tabTo('#search-q')
    await page.keyboard.type(site.stale.license)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('[data-results="devices"] tbody tr').count()).toBe(3)
    // The results re-render the page and focus its content; from there: the form, then the results.
    expect(await focused()).toBe('#main')
    expect(await tabTo('#license-status-filter', 3)).toEqual(['#search-q', '#license-status-filter'])
    expect(await tabTo(`a:${site.stale.license}`, 3)).toEqual(['button:Search', `a:${site.stale.license}`])
  })

  it('opens the confirmation <dialog> with Enter, keeps focus inside, closes with Escape and returns focus', async () => {
    await signIn(page, site)
    const { license } = site.srv.init.demo!
    await page.goto(`${site.srv.url}/dashboard#/licenses/${license}`)
    await page.locator('#revoke-license').waitFor()
    await tabTo('#revoke-license')
    await page.keyboard.press('Enter')
    await page.locator('dialog.confirm[open]').waitFor()
    expect(await focused()).toBe('#confirm-reason')
    const inside: boolean[] = []
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      inside.push(
        await page.evaluate(() => {
          const el = document.activeElement
          return el === document.body || Boolean(el?.closest('dialog.confirm'))
        }),
      )
    }
    // Modal: the page behind is inert, so Tab only visits the dialog's controls (or the browser's own UI).
    expect(inside.every(Boolean)).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('dialog.confirm').count()).toBe(0)
    expect(await focused()).toBe('#revoke-license')
    expect((await site.admin.get<{ status: string }>(`/v1/admin/licenses/${license}`)).status).toBe('active')

    // Cancel with the keyboard: focus returns too.
    await page.keyboard.press('Enter')
    await page.locator('dialog.confirm[open]').waitFor()
    await page.keyboard.press('Tab') // reason → Cancel
    expect(await focused()).toBe('button:Cancel')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('dialog.confirm').count()).toBe(0)
    expect(await focused()).toBe('#revoke-license')
  })

  it('keeps focus in the page after a confirmed action re-renders it', async () => {
    await signIn(page, site)
    await page.goto(`${site.srv.url}/dashboard#/devices/${site.stale.limited.id}`)
    const button = page.locator('button[data-action="revoke-device"]')
    await button.waitFor()
    await button.focus()
    await page.keyboard.press('Enter')
    await page.locator('dialog.confirm[open]').waitFor()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab') // → Revoke device
    expect(await focused()).toBe('button:Revoke device')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.binding').getAttribute('data-device-status')).toBe('revoked')
    // The button is gone with the revocation: focus lands on the content, not on <body>.
    expect(await focused()).toBe('#main')
  })
})

describe('operator dashboard colours', () => {
  it('give every text at least 4.5:1 (3:1 when large) on every page, dialog included', async () => {
    await page.goto(`${site.srv.url}/dashboard`)
    await page.evaluate(() => sessionStorage.clear())
    await page.reload()
    await page.locator('#token').waitFor()
    const failures: Record<string, string[]> = { 'sign-in': await contrastFailures(page) }
    await page.fill('#token', 'tsa_wrong')
    await page.click('button[type=submit]')
    await page.locator('#sign-in-error:not(:empty)').waitFor()
    failures['sign-in error'] = await contrastFailures(page)
    await signIn(page, site)
    failures.overview = await contrastFailures(page)
    const { license } = site.srv.init.demo!
    const pages: [string, string, string][] = [
      ['search', `#/licenses?q=${site.stale.license}`, '[data-results="devices"] tbody tr'],
      ['license', `#/licenses/${license}`, '[data-section="leases"]'],
      ['device', `#/devices/${site.stale.grace.id}`, '.binding'],
      ['policies', '#/policies', 'form.rollout-form'],
      ['audit', '#/audit', '[data-chain]'],
    ]
    for (const [name, hash, ready] of pages) {
      await page.goto(`${site.srv.url}/dashboard${hash}`)
      await page.locator(ready).first().waitFor()
      failures[name] = await contrastFailures(page)
    }
    await page.goto(`${site.srv.url}/dashboard#/licenses/${license}`)
    await page.click('#revoke-license')
    await page.locator('dialog.confirm[open]').waitFor()
    failures.dialog = await contrastFailures(page)
    await page.keyboard.press('Escape')
    for (const [name, list] of Object.entries(failures)) expect(list, name).toEqual([])
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([])
  })
})
