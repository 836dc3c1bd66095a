import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { SCREENSHOTS as SCREENSHOT_INDEX, writeScreenshotIndex } from './screenshots.js'

/** Debian's Chromium (installed by .ci/run). */
export const CHROMIUM = process.env.TESSERA_CHROMIUM ?? '/usr/bin/chromium'

/** Screenshots of the badge and the dashboard land here (git-ignored); reviewers look at them. */
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url))

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  writeScreenshotIndex(SCREENSHOTS)
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/**
 * Collects console errors and uncaught page errors (a CSP violation or a thrown render shows up
 * here), so every test can assert the page ran cleanly.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
  })
  return errors
}

/** Where a screenshot goes; the name must be listed (with what it shows) in support/screenshots.ts. */
export function screenshotPath(name: string): string {
  if (!Object.hasOwn(SCREENSHOT_INDEX, name))
    throw new Error(`describe screenshot ${name} in support/screenshots.ts`)
  return `${SCREENSHOTS}${name}.png`
}

/** WCAG 2 contrast ratio of two CSS `rgb(…)` colours. */
export function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((x) => {
      const c = Number(x) / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

/** A site under test, Chromium and the one page a test file drives. */
export interface BrowserSession<T> {
  site: T
  browser: Browser
  page: Page
  /** Console and page errors seen so far (see watchErrors). */
  errors: string[]
}

/**
 * Starts the site and Chromium together and opens one page (a new page costs about a second on a
 * loaded CI machine). If either start fails, the one that succeeded is closed before the error is
 * rethrown, so a failed set-up never leaks a browser or a server process.
 */
export async function openSession<T extends { close(): Promise<void> }>(
  start: () => Promise<T>,
  page: { width: number; height: number; locale: string },
): Promise<BrowserSession<T>> {
  const [site, browser] = await Promise.allSettled([start(), launchBrowser()] as const)
  if (site.status === 'rejected' || browser.status === 'rejected') {
    if (site.status === 'fulfilled') await site.value.close()
    if (browser.status === 'fulfilled') await browser.value.close()
    throw site.status === 'rejected' ? site.reason : (browser as PromiseRejectedResult).reason
  }
  const opened = await browser.value.newPage({
    viewport: { width: page.width, height: page.height },
    locale: page.locale,
    reducedMotion: 'reduce',
  })
  return { site: site.value, browser: browser.value, page: opened, errors: watchErrors(opened) }
}

/** Closes what openSession started (either may be missing when set-up failed). */
export async function closeSession(session: Partial<BrowserSession<{ close(): Promise<void> }>>) {
  await session.browser?.close()
  await session.site?.close()
}
