import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { TestDevice } from '../../../packages/server/src/test-support/test-device.js'
import { type RunningServer, startTestServer } from '../../../packages/server/src/test-support/test-server.js'
import { buildWeb } from '../../../packages/web/src/build/build-web.js'
import { activateDevice, adminClient, call, renewDevice, uploadTelemetry } from './seed.js'

const DAY = 86_400

export interface DashboardSite {
  srv: RunningServer
  admin: ReturnType<typeof adminClient>
  token: string
  /** The demo license's two devices (one renewed), with a week of telemetry each. */
  devices: TestDevice[]
  /** A second license of the demo product with a device in grace and one past grace (limited). */
  stale: { license: string; grace: TestDevice; limited: TestDevice; fresh: TestDevice }
  close(): Promise<void>
}

/**
 * A real server serving a fresh build of the dashboard from a temporary folder (packages/web/dist
 * is left alone), seeded through the real device API and the storage layer:
 * - the demo license: two devices, one renewal, a week of telemetry from each (so the 24 h and the
 *   7-day renewal success rates differ), and one device request refused for a missing proof;
 * - a second license whose devices were last seen 8 days ago (grace: 7-day window, 3 days of
 *   grace), 20 days ago (limited) and now.
 */
export async function startDashboardSite(): Promise<DashboardSite> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-dashboard-'))
  await buildWeb({ outDir: `${dir}/` })
  const srv = await startTestServer({ dashboardDir: `${dir}/` })
  const token = srv.init.adminToken
  const admin = adminClient(srv.url, token)
  const { product, licenseKey, license, policy } = srv.init.demo!
  const now = Math.floor(Date.now() / 1000)
  const devices = [
    await activateDevice(srv.url, product, licenseKey),
    await activateDevice(srv.url, product, licenseKey),
  ]
  await renewDevice(srv.url, devices[0]!, product, license)
  await Promise.all(devices.map((d, i) => uploadTelemetry(srv.url, d, product, license, now, `seed${i}`)))
  // A refused request: the server counts it as a server-detected anomaly (PROOF_INVALID).
  await call(`${srv.url}/v1/renew`, 'POST', {}, { product, license }).catch(() => undefined)

  const second = await admin.post<{ id: string; key: string }>('/v1/admin/licenses', {
    product,
    policy,
    seats: 3,
    ownerRef: 'acct_stale',
  })
  const [grace, limited, fresh] = [
    await activateDevice(srv.url, product, second.key),
    await activateDevice(srv.url, product, second.key),
    await activateDevice(srv.url, product, second.key),
  ]
  const storage = srv.server.context.storage
  await storage.touchDevice({ licenseId: second.id, deviceId: grace!.id, now: now - 8 * DAY })
  await storage.touchDevice({ licenseId: second.id, deviceId: limited!.id, now: now - 20 * DAY })
  return {
    srv,
    admin,
    token,
    devices,
    stale: { license: second.id, grace: grace!, limited: limited!, fresh: fresh! },
    async close() {
      await srv.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** A fresh sign-in through the form (any previous session of the tab is forgotten first). */
export async function signIn(page: Page, site: DashboardSite, as = site.token): Promise<void> {
  await page.goto(`${site.srv.url}/dashboard`)
  await page.evaluate(() => sessionStorage.clear())
  await page.reload()
  await page.fill('#token', as)
  await page.click('button[type=submit]')
  await page.locator('[data-kpi="active-devices"]').waitFor()
}

/**
 * WCAG contrast of every visible text on the page (HTML text and SVG text) against the colour
 * behind it: failures below 4.5:1 (3:1 for large text), as "text: ratio (fg on bg)".
 */
export function contrastFailures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number)
    const lum = (css: string) => {
      const [r = 0, g = 0, b = 0] = rgb(css).map((v) => {
        const c = v / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
      return (hi! + 0.05) / (lo! + 0.05)
    }
    const opaque = (css: string) => css !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(css)
    const background = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor
        if (opaque(bg)) return bg
      }
      return 'rgb(255, 255, 255)'
    }
    const failures: string[] = []
    let checked = 0
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim())
      if (!own) continue
      const rect = el.getBoundingClientRect()
      const style = getComputedStyle(el)
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || el.closest('.sr-only'))
        continue
      const svg = el instanceof SVGElement
      const fg = svg ? style.fill : style.color
      const size = Number.parseFloat(style.fontSize)
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
      checked++
      const value = ratio(fg, background(el))
      if (value < (large ? 3 : 4.5))
        failures.push(
          `${el.tagName.toLowerCase()} "${el.textContent!.trim().slice(0, 30)}": ${value.toFixed(2)} (${fg} on ${background(el)})`,
        )
    }
    if (checked < 3) failures.push(`only ${checked} texts found: is the page rendered?`)
    return failures
  })
}
