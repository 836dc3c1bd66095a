import { writeFile } from 'node:fs/promises'
import { intFlag } from '../admin-api.js'
import { usageError } from '../cli-error.js'
import type { Command, CommandInput, OptionSpec } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { printJson } from '../output.js'

const POLICY_FLAGS = ['offline-days', 'renew-days', 'grace-days', 'fallback', 'check-in-hours'] as const

const OPTIONS: Record<string, OptionSpec> = {
  devices: { type: 'string', description: 'devices in the fleet (default 1000)' },
  days: { type: 'string', description: 'virtual days to simulate (default 30)' },
  seed: { type: 'string', description: 'random seed; same seed, same report (default 1)' },
  'seats-per-license': { type: 'string', description: 'devices per license (default 5)' },
  'offline-days': { type: 'string', description: 'policy: offline window in days (default 7)' },
  'renew-days': { type: 'string', description: 'policy: renew after this many days (default 3)' },
  'grace-days': { type: 'string', description: 'policy: grace after the window (default 3)' },
  fallback: { type: 'string', description: 'policy: limited or deny after grace (default limited)' },
  'check-in-hours': {
    type: 'string',
    description: 'policy: status check-in interval, 0 = none (default 24)',
  },
  compare: {
    type: 'string',
    description: 'a second policy as overrides of the first, e.g. offline-days=3,grace-days=1',
  },
  'outages-per-month': { type: 'string', description: 'mean outages per device per 30 days (default 2)' },
  'outage-dist': {
    type: 'string',
    description: 'outage length: lognormal or exponential (default lognormal)',
  },
  'outage-hours': {
    type: 'string',
    description: 'median (lognormal) or mean (exponential) outage length in hours (default 12)',
  },
  'outage-sigma': { type: 'string', description: 'lognormal σ of outage length (default 1.5)' },
  'skew-minutes': { type: 'string', description: 'std. deviation of device clock skew (default 5)' },
  'revoke-rate': { type: 'string', description: 'fraction of devices revoked during the run (default 0.01)' },
  workers: {
    type: 'string',
    description:
      'worker threads, each simulating a slice of the licenses; same report for any count (default: one per core)',
  },
  json: { type: 'boolean', description: 'print the full report as JSON' },
  report: { type: 'string', description: 'write a self-contained HTML report with charts to this file' },
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'simulate a fleet (real client logic, real server, virtual time) under one or two policies',
  options: OPTIONS,
  example:
    'tessera simulate --devices 10000 --days 30 --outages-per-month 3 --compare offline-days=3,grace-days=1 --report sim.html',
  async run(input) {
    // Loaded on use: the simulator pulls in the server (Fastify, SQLite).
    const model = await import('../simulate/model.js')
    const options = model.defaultSimOptions({
      devices: positive(input, 'devices', 1000),
      days: positive(input, 'days', 30),
      seed: intFlag(input.values, 'seed', 1)!,
      seatsPerLicense: positive(input, 'seats-per-license', 5),
    })
    try {
      for (const flag of POLICY_FLAGS) {
        const value = input.values[flag]
        if (typeof value === 'string') model.applyPolicyFlag(options.policy, flag, value)
      }
      const c = options.connectivity
      c.outagesPerMonth = num(input, 'outages-per-month', c.outagesPerMonth)
      c.outageHours = num(input, 'outage-hours', c.outageHours)
      c.outageSigma = num(input, 'outage-sigma', c.outageSigma)
      c.skewMinutes = num(input, 'skew-minutes', c.skewMinutes)
      c.revokeRate = num(input, 'revoke-rate', c.revokeRate)
      const dist = input.values['outage-dist']
      if (dist !== undefined) {
        if (dist !== 'lognormal' && dist !== 'exponential')
          throw usageError('--outage-dist must be lognormal or exponential')
        c.outageDistribution = dist
      }
      if (c.revokeRate > 1) throw usageError('--revoke-rate must be between 0 and 1')
    } catch (err) {
      if (err instanceof Error && !('exitCode' in err)) throw usageError(err.message)
      throw err
    }
    if (options.policy.renewAfter > options.policy.offlineWindow)
      throw usageError('renew-days must not exceed offline-days')
    let compare = null
    if (typeof input.values.compare === 'string') {
      try {
        compare = model.parsePolicyOverrides(input.values.compare, options.policy)
      } catch (err) {
        throw usageError(`--compare: ${(err as Error).message}`)
      }
    }
    const workers = input.values.workers === undefined ? undefined : positive(input, 'workers', 1)
    const { runSimulation, summaryText } = await import('../simulate/simulate.js')
    const report = await runSimulation(
      options,
      compare,
      (t) => {
        if (!input.values.json) input.io.stderr(t)
      },
      workers === undefined ? {} : { workers },
    )
    if (typeof input.values.report === 'string') {
      const { reportHtml } = await import('../simulate/report-html.js')
      await writeFile(input.values.report, reportHtml(report))
    }
    if (input.values.json) printJson(input.io, report)
    else input.io.stdout(summaryText(report))
    return EXIT.OK
  },
}

function positive(input: CommandInput, name: string, fallback: number): number {
  const n = intFlag(input.values, name, fallback)!
  if (n < 1) throw usageError(`--${name} must be at least 1`)
  return n
}

function num(input: CommandInput, name: string, fallback: number): number {
  const raw = input.values[name]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < 0)
    throw usageError(`--${name} must be a non-negative number`)
  return n
}
