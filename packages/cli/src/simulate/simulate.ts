import { type PolicyReport, simulatePolicy } from './fleet.js'
import { policyLabel, type SimOptions, type SimPolicy } from './model.js'

export interface SimulationReport {
  seed: number
  devices: number
  days: number
  connectivity: SimOptions['connectivity']
  /** One column per policy: the base policy, then the `--compare` one when given. */
  columns: (PolicyReport & { label: string; name: string })[]
}

/** Runs the base policy and, when given, the comparison over the same fleet and connectivity. */
export async function runSimulation(
  options: SimOptions,
  compare: SimPolicy | null,
  progress: (text: string) => void = () => {},
): Promise<SimulationReport> {
  const policies: [string, SimPolicy][] = [['base', options.policy]]
  if (compare) policies.push(['compare', compare])
  const columns: SimulationReport['columns'] = []
  for (const [name, policy] of policies) {
    progress(`simulating ${options.devices} devices × ${options.days} days: ${policyLabel(policy)}\n`)
    const report = await simulatePolicy(options, policy)
    columns.push({ name, label: policyLabel(policy), ...report })
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
