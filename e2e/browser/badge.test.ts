import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contrast, launchBrowser, screenshotPath, watchErrors } from './support/browser.js'
import { type StaticSite, serveFreshBuild } from './support/static-site.js'

/** 2026-11-28T12:00:00Z: the demo's "active" deadline (+6 days) is then 4 Dec. */
const NOW = 1_795_867_200
const CASES = [
  'active',
  'renewal_due',
  'renewal-pending',
  'offline_grace',
  'limited',
  'expired',
  'revoked',
  'invalid',
] as const
const CALM = new Set(['active', 'renewal_due', 'renewal-pending', 'offline_grace'])

let site: StaticSite
let browser: Browser
let page: Page
let errors: string[]

beforeAll(async () => {
  ;[site, browser] = await Promise.all([serveFreshBuild(), launchBrowser()])
  // One page for the file: a new page costs about a second on a loaded CI machine.
  page = await browser.newPage({
    viewport: { width: 800, height: 900 },
    locale: 'en-GB',
    reducedMotion: 'reduce',
  })
  errors = watchErrors(page)
})
afterAll(async () => {
  await browser?.close()
  await site?.close()
})

/** (Re)loads the demo page with the clock pinned; `errors` collects what goes wrong from here on. */
async function openDemo(query = ''): Promise<void> {
  errors.length = 0
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto(`${site.url}demo.html?now=${NOW}&tz=UTC${query}`)
  await page.locator('#badge-invalid .headline').waitFor()
}

/** What a sighted user and a screen reader get from one badge. */
function inspect(page: Page, id: string) {
  return page.evaluate((id) => {
    const host = document.getElementById(id)!
    const root = host.shadowRoot!
    const badge = root.querySelector<HTMLElement>('.badge')!
    const live = root.querySelector<HTMLElement>('[role="status"]')!
    const headline = root.querySelector<HTMLElement>('.headline')!
    const style = getComputedStyle(badge)
    return {
      tone: badge.dataset.tone,
      state: badge.dataset.state,
      chip: root.querySelector('.chip')?.textContent,
      headline: headline.textContent,
      deadline: root.querySelector('.deadline')?.textContent ?? null,
      pending: root.querySelector('.pending')?.textContent ?? null,
      buttons: Array.from(root.querySelectorAll('button')).map((b) => ({
        id: b.dataset.action,
        label: b.textContent,
      })),
      live: {
        role: live.getAttribute('role'),
        ariaLive: live.getAttribute('aria-live'),
        atomic: live.getAttribute('aria-atomic'),
        label: live.getAttribute('aria-label'),
        buttonsInside: live.querySelectorAll('button').length,
      },
      colours: {
        fg: getComputedStyle(headline).color,
        bg: style.backgroundColor,
        buttonFg: root.querySelector('button') ? getComputedStyle(root.querySelector('button')!).color : null,
        buttonBg: root.querySelector('button')
          ? getComputedStyle(root.querySelector('button')!).backgroundColor
          : null,
      },
    }
  }, id)
}

describe('<tessera-status> in Chromium', () => {
  it('renders every state, calm while access continues and red only when it has stopped', async () => {
    await openDemo()
    await page.screenshot({ path: screenshotPath('badge-demo'), fullPage: true })
    for (const name of CASES) {
      const badge = await inspect(page, `badge-${name}`)
      await page.locator(`#badge-${name}`).screenshot({ path: screenshotPath(`badge-${name}`) })
      expect(badge.state).toBe(name === 'renewal-pending' ? 'renewal_due' : name)
      expect(badge.headline, name).toBeTruthy()
      if (CALM.has(name)) expect(badge.tone, name).not.toBe('error')
      else if (name === 'limited') expect(badge.tone).toBe('warning')
      else expect(badge.tone, name).toBe('error')
      // WCAG AA: normal text at least 4.5:1, on the badge and on its buttons.
      expect(contrast(badge.colours.fg, badge.colours.bg), name).toBeGreaterThanOrEqual(4.5)
      if (badge.colours.buttonFg)
        expect(contrast(badge.colours.buttonFg, badge.colours.buttonBg!), name).toBeGreaterThanOrEqual(4.5)
      expect(badge.live).toEqual({
        role: 'status',
        ariaLive: 'polite',
        atomic: 'true',
        label: 'License status',
        buttonsInside: 0,
      })
    }
    expect(errors).toEqual([])
  })

  it('shows the deadline as a calm human date and the renewal-pending indicator', async () => {
    await openDemo()
    expect((await inspect(page, 'badge-active')).deadline).toBe('Works offline until 4 Dec')
    expect((await inspect(page, 'badge-active')).pending).toBeNull()
    const pending = await inspect(page, 'badge-renewal-pending')
    expect(pending.deadline).toBe('Works offline until 2 Dec')
    expect(pending.pending).toMatch(/^Renewal pending/)
    // Less than two days away: the hour matters, so it is shown.
    expect((await inspect(page, 'badge-offline_grace')).deadline).toBe(
      'Reconnect by 29 Nov, 17:00 to keep every feature',
    )
    expect((await inspect(page, 'badge-revoked')).deadline).toBeNull()
    const title = await page.evaluate(() =>
      document.getElementById('badge-active')!.shadowRoot!.querySelector('time')!.getAttribute('datetime'),
    )
    expect(title).toBe('2026-12-04T12:00:00.000Z')
  })

  it('is keyboard-operable: Tab reaches the action buttons, Enter and Space dispatch tessera-action', async () => {
    await openDemo()
    const focused = () =>
      page.evaluate(() => {
        const host = document.activeElement as HTMLElement | null
        const inner = host?.shadowRoot?.activeElement as HTMLElement | null
        return inner ? `${host!.id}:${inner.dataset.action}` : (host?.tagName ?? null)
      })
    const order: string[] = []
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab')
      order.push((await focused()) ?? '')
    }
    expect(order.slice(0, 7)).toEqual([
      'badge-renewal-pending:renew',
      'badge-offline_grace:renew',
      'badge-offline_grace:connect',
      'badge-limited:renew',
      'badge-limited:connect',
      'badge-expired:contact-admin',
      'badge-revoked:contact-admin',
    ])
    // Back to "How to reconnect" of the offline badge, then Enter.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab')
    expect(await focused()).toBe('badge-offline_grace:connect')
    await page.locator('#badge-offline_grace').screenshot({ path: screenshotPath('badge-keyboard-focus') })
    await page.keyboard.press('Enter')
    expect(await page.textContent('#last-action')).toBe('connect (badge-offline_grace)')
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Space')
    expect(await page.textContent('#last-action')).toBe('renew (badge-offline_grace)')
  })

  it('dispatches a bubbling, composed CustomEvent with the action id', async () => {
    await openDemo()
    const detail = await page.evaluate(async () => {
      const got = new Promise<unknown>((resolve) =>
        document.body.addEventListener('tessera-action', (e) => resolve((e as CustomEvent).detail), {
          once: true,
        }),
      )
      document.getElementById('badge-invalid')!.shadowRoot!.querySelector('button')!.click()
      return got
    })
    expect(detail).toEqual({ id: 'activate' })
  })

  it('reads the status attribute (JSON), survives a malformed one and does not re-announce an equal status', async () => {
    await openDemo()
    const result = await page.evaluate(() => {
      const el = document.createElement('tessera-status')
      el.setAttribute(
        'status',
        JSON.stringify({ state: 'limited', headline: 'From the attribute', actions: [] }),
      )
      document.body.append(el)
      const root = el.shadowRoot!
      const fromAttribute = root.querySelector('.headline')!.textContent
      el.setAttribute('status', '{not json')
      const malformed = [
        root.querySelector('.chip')!.textContent,
        root.querySelector('.badge')!.getAttribute('data-tone'),
      ]
      const status = {
        state: 'active',
        headline: 'Same',
        deadline: null,
        actions: [{ id: 'renew', label: 'Try renewing now' }],
      }
      el.status = status
      const before = root.querySelector('.headline')
      const button = root.querySelector('button')!
      button.focus()
      el.status = { ...status }
      return {
        fromAttribute,
        malformed,
        sameNodes: before === root.querySelector('.headline'),
        keptFocus: root.activeElement === button,
      }
    })
    expect(result).toEqual({
      fromAttribute: 'From the attribute',
      malformed: ['Unknown', 'info'],
      sameNodes: true,
      keptFocus: true,
    })
    expect(errors).toEqual([])
  })

  it('takes every built-in string from one replaceable catalogue (French sample)', async () => {
    await openDemo('&catalogue=fr')
    const active = await inspect(page, 'badge-active')
    expect(active.deadline).toBe('Fonctionne hors ligne jusqu’au 4 déc.')
    expect(active.live.label).toBe('État de la licence')
    const grace = await inspect(page, 'badge-offline_grace')
    expect(grace.chip).toBe('Hors ligne')
    expect(grace.headline).toBe('Travail hors ligne')
    expect(grace.buttons.map((b) => b.label)).toEqual(['Renouveler', 'Comment se reconnecter'])
    expect(grace.pending).toMatch(/^Renouvellement en attente/)
    await page.screenshot({ path: screenshotPath('badge-demo-fr'), fullPage: true })
  })

  it('follows a dark colour scheme with the same contrast', async () => {
    await openDemo()
    await page.emulateMedia({ colorScheme: 'dark' })
    for (const name of CASES) {
      const badge = await inspect(page, `badge-${name}`)
      expect(contrast(badge.colours.fg, badge.colours.bg), name).toBeGreaterThanOrEqual(4.5)
    }
    await page.locator('#states').screenshot({ path: screenshotPath('badge-demo-dark') })
  })
})
