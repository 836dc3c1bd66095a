import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { planShards, policyLabel, type SimOptions, type SimPolicy } from './model.js'
import { inProcessRunner, type ShardRunner, threadRunner } from './shards.js'
import { simTmpDir } from './sim-server.js'
import { mergeTallies, type PolicyReport, policyReport } from './tally.js'

export interface SimulationReport {
  seed: number
  devices: number
  days: number
  connectivity: SimOptions['connectivity']
  /** One column per policy: the base policy, then the `--compare` one when given. */
  columns: (PolicyReport & { label: string; name: string })[]
}

export interface RunOptions {
  /**
   * Shards, each a slice of the licenses on its own server. Default: one per core
   * (os.availableParallelism()), never more than there are licenses. The report does not depend
   * on it: every device draws from its own seeded streams.
   */
  workers?: number
  /** Where the shards run. Default: this thread for a single shard, else a worker thread each. */
  runner?: ShardRunner
}

/** Runs the base policy and, when given, the comparison over the same fleet and connectivity. */
export async function runSimulation(
  options: SimOptions,
  compare: SimPolicy | null,
  progress: (text: string) => void = () => {},
  run: RunOptions = {},
): Promise<SimulationReport> {
  const policies: [string, SimPolicy][] = [['base', options.policy]]
  if (compare) policies.push(['compare', compare])
  const shards = planShards(options, run.workers ?? availableParallelism())
  const runner = run.runner ?? (shards.length === 1 ? inProcessRunner() : threadRunner(shards.length))
  const columns: SimulationReport['columns'] = []
  const workDir = await mkdtemp(join(simTmpDir(), 'tessera-sim-'))
  try {
    for (const [name, policy] of policies) {
      const on = shards.length === 1 ? '' : ` on ${shards.length} workers`
      progress(`simulating ${options.devices} devices × ${options.days} days${on}: ${policyLabel(policy)}\n`)
      const started = performance.now()
      const cpu = process.cpuUsage()
      const tallies = await Promise.all(
        shards.map((shard) => runner.run({ options, policy, shard, workDir })),
      )
      const used = process.cpuUsage(cpu)
      const time = {
        wallSeconds: (performance.now() - started) / 1000,
        cpuSeconds: (used.user + used.system) / 1e6,
      }
      const report = policyReport(options, policy, mergeTallies(tallies, options.days), time)
      columns.push({ name, label: policyLabel(policy), ...report })
    }
  } finally {
    if (run.runner === undefined) await runner.close()
    await rm(workDir, { recursive: true, force: true })
  }
  return {
    seed: options.seed,
    devices: options.devices,
    days: options.days,
    connectivity: options.connectivity,
    columns,
  }
}

/** The report without wall-clock figures: equal for equal seeds and options. */
export function deterministicPart(report: SimulationReport): unknown {
  return { ...report, columns: report.columns.map(({ perf: _perf, ...rest }) => rest) }
}

/** A few lines for the terminal. */
export function summaryText(report: SimulationReport): string {
  const rows: [string, (c: SimulationReport['columns'][number]) => string][] = [
    ['policy', (c) => c.label],
    ['entitled device-hours locked out', (c) => `${c.lockedOutDeviceHours} (${c.devicesLockedOut} devices)`],
    [
      'revoked: residual device-hours',
      (c) =>
        `${c.revocations.residualDeviceHours} over ${c.revocations.revoked} devices (max ${c.revocations.maxResidualHours} h, bound violations ${c.revocations.boundViolations})`,
    ],
    [
      'renewal success',
      (c) =>
        `${pct(c.renewals.successRate)} of ${c.renewals.attempts} attempts (${pct(c.renewals.answeredSuccessRate)} of those that reached the server)`,
    ],
    [
      'offline periods (p50/p90/max h)',
      (c) =>
        `${c.offlineDurations.count}: ${c.offlineDurations.p50Hours} / ${c.offlineDurations.p90Hours} / ${c.offlineDurations.maxHours}`,
    ],
    [
      'server requests',
      (c) =>
        `${c.server.requests} (${c.server.requestsPerSecond}/s avg, ${c.server.peakHourRequestsPerSecond}/s peak hour)`,
    ],
    ['peak seats', (c) => String(c.server.peakSeats)],
    ['wall time', (c) => `${c.perf.wallSeconds} s (${c.perf.deviceDaysPerSecond} device-days/s)`],
  ]
  const width = Math.max(...rows.map(([k]) => k.length))
  const lines = [`seed ${report.seed}: ${report.devices} devices × ${report.days} days`]
  for (const [key, value] of rows) {
    lines.push(`${key.padEnd(width)}  ${report.columns.map(value).join('  |  ')}`)
  }
  return `${lines.join('\n')}\n`
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`
}
