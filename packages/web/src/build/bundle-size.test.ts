import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { buildWeb } from './build-web.js'

const KB = 1024

/**
 * Size budgets of the minified bundles. Measured when the budgets were set: dashboard.js 31.5 KiB
 * (11.3 KiB gzip), tessera-status.js (the badge) 9.1 KiB (3.9 KiB gzip). A change that crosses a
 * budget should say why in its commit, or shed weight.
 */
const BUDGETS: Record<string, number> = {
  'dashboard.js': 60 * KB,
  'tessera-status.js': 20 * KB,
}

it('keeps the dashboard and the badge within their size budgets (built into a temporary folder)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-web-size-'))
  try {
    const files = await buildWeb({ outDir: `${dir}/` })
    for (const [file, budget] of Object.entries(BUDGETS)) {
      const built = files.find((f) => f.file === file)
      expect(built, file).toBeDefined()
      console.info(
        `${file}: ${(built!.bytes / KB).toFixed(1)} KiB minified, ${(built!.gzip / KB).toFixed(1)} KiB gzip`,
      )
      expect(built!.bytes, `${file} is over its ${budget / KB} KiB budget`).toBeLessThanOrEqual(budget)
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
