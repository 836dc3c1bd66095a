import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../bin.js'
import type { Io } from '../output.js'
import { DAY, defaultSimOptions, parsePolicyOverrides } from './model.js'
import { reportHtml } from './report-html.js'
import { deterministicPart, runSimulation, type SimulationReport } from './simulate.js'

const SLOW = 240_000

function io(): Io & { out: string; err: string } {
  const sink = {
    out: '',
    err: '',
    isTTY: false,
    env: {},
    stdout: (t: string) => {
      sink.out += t
    },
    stderr: (t: string) => {
      sink.err += t
    },
  }
  return sink
}

describe('tessera simulate', () => {
  it(
    'is deterministic: the same seed gives the same report',
    async () => {
      const options = defaultSimOptions({ devices: 40, days: 6, seed: 11 })
      options.connectivity.outagesPerMonth = 8
      options.connectivity.revokeRate = 0.1
      const a = await runSimulation(options, null)
      const b = await runSimulation(options, null)
      expect(deterministicPart(a)).toEqual(deterministicPart(b))
      expect(a.columns[0]!.server.requests).toBeGreaterThan(40)
    },
    SLOW,
  )

  it(
    'zero outages lock nobody out; longer grace never locks out more than a stricter policy',
    async () => {
      const calm = defaultSimOptions({ devices: 40, days: 8, seed: 5 })
      calm.connectivity.outagesPerMonth = 0
      calm.connectivity.revokeRate = 0
      const none = await runSimulation(calm, null)
      expect(none.columns[0]!.lockedOutDeviceHours).toBe(0)
      expect(none.columns[0]!.renewals.successRate).toBe(1)

      // heavy outages (median 2 days), a strict policy against the same with 3 days of grace
      const rough = defaultSimOptions({ devices: 40, days: 8, seed: 5 })
      rough.connectivity.outagesPerMonth = 6
      rough.connectivity.outageHours = 48
      rough.connectivity.revokeRate = 0
      rough.policy = parsePolicyOverrides('offline-days=2,renew-days=1,grace-days=0', rough.policy)
      const both = await runSimulation(rough, parsePolicyOverrides('grace-days=3', rough.policy))
      const [strict, lenient] = both.columns
      expect(strict!.policy.grace).toBe(0)
      expect(lenient!.policy.grace).toBe(3 * DAY)
      expect(strict!.lockedOutDeviceHours).toBeGreaterThan(0)
      expect(lenient!.lockedOutDeviceHours).toBeLessThanOrEqual(strict!.lockedOutDeviceHours)
      const html = reportHtml(both)
      expect(html).toContain('<svg')
      expect(html).toContain('grace 3d')
      expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/)
    },
    SLOW,
  )

  it(
    "bounds revoked devices' residual access by their lease's exp + grace",
    async () => {
      const options = defaultSimOptions({ devices: 60, days: 12, seed: 9 })
      options.connectivity.revokeRate = 0.3
      options.connectivity.outagesPerMonth = 6
      options.connectivity.outageHours = 72
      const report: SimulationReport = await runSimulation(options, null)
      const r = report.columns[0]!.revocations
      expect(r.revoked).toBeGreaterThan(5)
      expect(r.boundViolations).toBe(0)
      const p = options.policy
      expect(r.maxResidualHours).toBeLessThanOrEqual((p.offlineWindow + p.grace) / 3600 + 1)
      // online devices learn of the revocation at their next contact
      expect(r.learnedOnline).toBeGreaterThan(0)
    },
    SLOW,
  )

  it(
    'runs through the CLI: --json and --report',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tessera-sim-cli-'))
      try {
        const out = io()
        const html = join(dir, 'report.html')
        const code = await main(
          [
            'simulate',
            '--devices',
            '200',
            '--days',
            '10',
            '--json',
            '--compare',
            'grace-days=1',
            '--report',
            html,
          ],
          out,
        )
        expect(out.err).toBe('')
        expect(code).toBe(0)
        const report = JSON.parse(out.out) as SimulationReport
        expect(report.columns.map((c) => c.name)).toEqual(['base', 'compare'])
        expect(report.columns[0]!.server.peakSeats).toBe(200)
        expect(report.columns[1]!.policy.grace).toBe(DAY)
        expect(await readFile(html, 'utf8')).toContain('<svg')
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
    SLOW,
  )

  it('refuses bad flags as usage errors', async () => {
    const out = io()
    expect(await main(['simulate', '--compare', 'offline-weeks=2'], out)).toBe(2)
    expect(out.err).toContain('offline-weeks')
  })
})
