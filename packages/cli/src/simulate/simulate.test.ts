import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../bin.js'
import type { Io } from '../output.js'
import { simulateShard } from './fleet.js'
import { DAY, defaultSimOptions, HOUR, parsePolicyOverrides, planShards, type SimOptions } from './model.js'
import { reportHtml } from './report-html.js'
import { inProcessRunner, threadRunner } from './shards.js'
import { deterministicPart, runSimulation, type SimulationReport } from './simulate.js'
import { emptyTally, mergeTallies, policyReport } from './tally.js'

const SLOW = 240_000
/**
 * In this thread: worker threads load shard-worker.js next to the compiled simulator, and this file
 * runs from the sources (the worker-thread test below boots them through tsx instead).
 */
const ONE = { workers: 1 }

function io(): Io & { out: string; err: string } {
  const sink = {
    out: '',
    err: '',
    isTTY: false,
    stderrIsTTY: false,
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
      const a = await runSimulation(options, null, () => {}, ONE)
      const b = await runSimulation(options, null, () => {}, ONE)
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
      const none = await runSimulation(calm, null, () => {}, ONE)
      expect(none.columns[0]!.lockedOutDeviceHours).toBe(0)
      expect(none.columns[0]!.renewals.successRate).toBe(1)

      // heavy outages (median 2 days), a strict policy against the same with 3 days of grace
      const rough = defaultSimOptions({ devices: 40, days: 8, seed: 5 })
      rough.connectivity.outagesPerMonth = 6
      rough.connectivity.outageHours = 48
      rough.connectivity.revokeRate = 0
      rough.policy = parsePolicyOverrides('offline-days=2,renew-days=1,grace-days=0', rough.policy)
      const both = await runSimulation(
        rough,
        parsePolicyOverrides('grace-days=3', rough.policy),
        () => {},
        ONE,
      )
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
      const report: SimulationReport = await runSimulation(options, null, () => {}, ONE)
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
            '--workers',
            '1',
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
    expect(await main(['simulate', '--workers', '0'], io())).toBe(2)
  })
})

/** A fleet with outages, revocations and lock-outs, small enough for a test. */
function roughFleet(over: Partial<SimOptions> = {}): SimOptions {
  const options = defaultSimOptions({ devices: 60, days: 10, seed: 7, ...over })
  options.connectivity.outagesPerMonth = 6
  options.connectivity.outageHours = 36
  options.connectivity.revokeRate = 0.15
  options.policy = parsePolicyOverrides('offline-days=3,renew-days=1,grace-days=1', options.policy)
  return options
}

/**
 * Worker threads running the sources: tsx's loader, then shard-worker.ts. The packages it imports
 * (@tessera/client/simulation, @tessera/server, ...) resolve to their build output, as for the CLI.
 */
function sourceWorker(): URL {
  const entry = new URL('./shard-worker.ts', import.meta.url).href
  const tsx = import.meta.resolve('tsx/esm/api')
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)})`
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`)
}

describe('tessera simulate --workers', () => {
  it('splits whole licenses into shards that cover every device once', () => {
    const options = defaultSimOptions({ devices: 103, seatsPerLicense: 5 })
    for (const workers of [1, 2, 3, 7, 100]) {
      const shards = planShards(options, workers)
      expect(shards.length).toBe(Math.min(workers, 21))
      let next = 0
      for (const s of shards) {
        expect(s.devices).toBeGreaterThan(0)
        expect(s.firstDevice).toBe(next)
        expect(s.firstDevice).toBe(s.firstLicense * 5)
        next = s.firstDevice + s.devices
      }
      expect(next).toBe(103)
    }
  })

  it(
    'gives the same report for any number of workers, in threads or in one thread',
    async () => {
      const options = roughFleet()
      const one = await runSimulation(options, null, () => {}, { workers: 1 })
      const inThread = await runSimulation(options, null, () => {}, { workers: 3, runner: inProcessRunner() })
      const runner = threadRunner(2, sourceWorker())
      let threads: SimulationReport
      try {
        threads = await runSimulation(options, null, () => {}, { workers: 2, runner })
      } finally {
        await runner.close()
      }
      const c = one.columns[0]!
      expect(c.revocations.revoked).toBeGreaterThan(3)
      expect(c.lockedOutDeviceHours).toBeGreaterThan(0)
      expect(c.offlineDurations.count).toBeGreaterThan(10)
      expect(deterministicPart(inThread)).toEqual(deterministicPart(one))
      expect(deterministicPart(threads)).toEqual(deterministicPart(one))
      // byte for byte, key order included
      expect(JSON.stringify(deterministicPart(threads))).toBe(JSON.stringify(deterministicPart(one)))
    },
    SLOW,
  )

  it(
    'lets a device sleep through hours in which nothing can happen to it, changing no count',
    async () => {
      for (const options of [roughFleet({ devices: 40 }), roughFleet({ devices: 40, seed: 3 })]) {
        options.connectivity.skewMinutes = 30
        if (options.seed === 3) options.policy.checkIn = 0
        const [shard] = planShards(options, 1)
        const task = { options, policy: options.policy, shard: shard! }
        const { perf: _a, ...skipping } = await simulateShard(task)
        const { perf: _b, ...everyHour } = await simulateShard({ ...task, everyHour: true })
        expect(skipping).toEqual(everyHour)
      }
    },
    SLOW,
  )

  it('merges shards bucket by bucket: percentiles, peak seats and peak hour of the whole fleet', () => {
    const options = defaultSimOptions({ devices: 10, days: 3 })
    const a = emptyTally(3)
    const b = emptyTally(3)
    a.offlineSeconds = [1, 2, 3].map((h) => h * HOUR)
    b.offlineSeconds = [100 * HOUR]
    a.seatSamples = [5, 5, 8, 2]
    b.seatSamples = [5, 5, 2, 8]
    a.hourlyRequests[1] = 10
    b.hourlyRequests[2] = 10
    a.hourlyRequests[2] = 1
    b.hourlyRequests[1] = 1
    a.renewals = { attempts: 10, succeeded: 10, offline: 0, refused: 0 }
    b.renewals = { attempts: 30, succeeded: 10, offline: 10, refused: 10 }
    a.revocations.maxResidualHours = 4
    b.revocations.maxResidualHours = 9
    a.stateHours = { limited: 2, active: 10 }
    b.stateHours = { active: 5, revoked: 1 }
    const r = policyReport(options, options.policy, mergeTallies([a, b], 3), {
      wallSeconds: 1,
      cpuSeconds: 1,
    })
    // the merged data's median, not the mean of the shards' medians (2 h and 100 h)
    expect(r.offlineDurations.p50Hours).toBe(3)
    expect(r.offlineDurations.maxHours).toBe(100)
    expect(r.offlineDurations.count).toBe(4)
    // the busiest moment of the fleet, not the sum of each shard's busiest moment
    expect(r.server.peakSeats).toBe(10)
    expect(r.daily.seats).toEqual([10, 10, 10])
    expect(r.server.peakHourRequestsPerSecond).toBe(Math.round((11 / 3600) * 10_000) / 10_000)
    expect(r.renewals.successRate).toBe(0.5)
    expect(r.renewals.answeredSuccessRate).toBe(round4(20 / 30))
    expect(r.revocations.maxResidualHours).toBe(9)
    expect(Object.entries(r.stateHours)).toEqual([
      ['active', 15],
      ['limited', 2],
      ['revoked', 1],
    ])
  })
})

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000
}
