/**
 * What the simulator counts, in a form that shards merge exactly: sums and maxima, series by
 * virtual hour or day (added bucket by bucket, so peaks are taken over the whole fleet's series),
 * and the raw offline durations (percentiles come from the merged data, never from averaging).
 */
import { DECISION_STATES } from '@tessera/core'
import { DAY, HOUR, type SimOptions, type SimPolicy } from './model.js'

export interface PolicyReport {
  policy: SimPolicy
  devices: number
  days: number
  /** Device-hours an entitled (never revoked, or not yet revoked) device spent limited/expired/invalid. */
  lockedOutDeviceHours: number
  /** Entitled devices locked out at least one hour. */
  devicesLockedOut: number
  /** Entitled device-hours per decision state. */
  stateHours: Record<string, number>
  revocations: {
    revoked: number
    /** Device-hours between revocation and losing access, summed. */
    residualDeviceHours: number
    maxResidualHours: number
    /** Revoked devices that learned it at a contact (locked at once) vs. ran out offline. */
    learnedOnline: number
    /** Devices whose residual access exceeded their lease's grace end (+1 h sampling); must be 0. */
    boundViolations: number
  }
  renewals: {
    attempts: number
    succeeded: number
    offline: number
    refused: number
    successRate: number
    /** Success rate of attempts that reached the server. */
    answeredSuccessRate: number
  }
  checkIns: { attempts: number; succeeded: number }
  offlineDurations: {
    /** Offline periods the clients measured (first unanswered attempt → next answer), seconds. */
    count: number
    p50Hours: number
    p90Hours: number
    p99Hours: number
    maxHours: number
    histogram: { bucket: string; count: number }[]
  }
  server: {
    requests: number
    byRoute: Record<string, number>
    byStatusClass: Record<string, number>
    /** Requests per virtual second over the whole run, and in the busiest virtual hour. */
    requestsPerSecond: number
    peakHourRequestsPerSecond: number
    peakSeats: number
  }
  daily: { lockedOutHours: number[]; residualHours: number[]; requests: number[]; seats: number[] }
  /** Wall-clock figures (not deterministic; left out of comparisons). */
  perf: {
    wallSeconds: number
    /** User + system CPU of this process, all worker threads included (the servers run in it too). */
    cpuSeconds: number
    deviceDaysPerSecond: number
    /** Slowest shard's set-up (server, catalog, device keys). */
    setupSeconds: number
    /** Time spent inside the servers, summed over shards. */
    serverSeconds: number
    requests: number
    msPerRequestByRoute: Record<string, number>
    evaluations: number
    verifications: number
  }
}

/** One shard's counts (or several shards' merged); plain data, so it crosses a thread boundary. */
export interface ShardTally {
  devices: number
  lockedOutDeviceHours: number
  devicesLockedOut: number
  stateHours: Record<string, number>
  revocations: PolicyReport['revocations']
  renewals: { attempts: number; succeeded: number; offline: number; refused: number }
  checkIns: { attempts: number; succeeded: number }
  /** Offline periods the clients measured, seconds, in no particular order. */
  offlineSeconds: number[]
  requests: number
  byRoute: Record<string, number>
  byStatusClass: Record<string, number>
  /** Device requests per virtual hour (the operator's revocations are not counted here). */
  hourlyRequests: number[]
  /** Active seats after hour 0, then at the end of each day (index 1 + day). */
  seatSamples: number[]
  daily: { lockedOutHours: number[]; residualHours: number[]; requests: number[] }
  perf: {
    setupSeconds: number
    serverMs: number
    routeMs: Record<string, number>
    evaluations: number
    verifications: number
  }
}

const OFFLINE_BUCKETS: [string, number][] = [
  ['<1h', HOUR],
  ['1-6h', 6 * HOUR],
  ['6-24h', DAY],
  ['1-3d', 3 * DAY],
  ['3-7d', 7 * DAY],
  ['7-14d', 14 * DAY],
  ['>14d', Number.POSITIVE_INFINITY],
]

export function emptyTally(days: number): ShardTally {
  const zeros = (n: number) => new Array<number>(n).fill(0)
  return {
    devices: 0,
    lockedOutDeviceHours: 0,
    devicesLockedOut: 0,
    stateHours: {},
    revocations: {
      revoked: 0,
      residualDeviceHours: 0,
      maxResidualHours: 0,
      learnedOnline: 0,
      boundViolations: 0,
    },
    renewals: { attempts: 0, succeeded: 0, offline: 0, refused: 0 },
    checkIns: { attempts: 0, succeeded: 0 },
    offlineSeconds: [],
    requests: 0,
    byRoute: {},
    byStatusClass: {},
    hourlyRequests: zeros(days * 24),
    seatSamples: zeros(days + 1),
    daily: { lockedOutHours: zeros(days), residualHours: zeros(days), requests: zeros(days) },
    perf: { setupSeconds: 0, serverMs: 0, routeMs: {}, evaluations: 0, verifications: 0 },
  }
}

/** Adds one per unit of [from, from + count) to `series`, whose buckets are `per` units wide (hours → days). */
export function addSpread(series: number[], from: number, count: number, per: number): void {
  for (let h = from, end = from + count; h < end; ) {
    const bucket = Math.floor(h / per)
    const stop = Math.min(end, (bucket + 1) * per)
    series[bucket] = (series[bucket] ?? 0) + (stop - h)
    h = stop
  }
}

/** The fleet's counts from its shards': sums and maxima, series bucket by bucket, durations pooled. */
export function mergeTallies(tallies: readonly ShardTally[], days: number): ShardTally {
  const out = emptyTally(days)
  for (const t of tallies) {
    out.devices += t.devices
    out.lockedOutDeviceHours += t.lockedOutDeviceHours
    out.devicesLockedOut += t.devicesLockedOut
    addRecord(out.stateHours, t.stateHours)
    const r = out.revocations
    r.revoked += t.revocations.revoked
    r.residualDeviceHours += t.revocations.residualDeviceHours
    r.maxResidualHours = Math.max(r.maxResidualHours, t.revocations.maxResidualHours)
    r.learnedOnline += t.revocations.learnedOnline
    r.boundViolations += t.revocations.boundViolations
    addRecord(out.renewals, t.renewals)
    addRecord(out.checkIns, t.checkIns)
    for (const s of t.offlineSeconds) out.offlineSeconds.push(s)
    out.requests += t.requests
    addRecord(out.byRoute, t.byRoute)
    addRecord(out.byStatusClass, t.byStatusClass)
    addSeries(out.hourlyRequests, t.hourlyRequests)
    addSeries(out.seatSamples, t.seatSamples)
    addSeries(out.daily.lockedOutHours, t.daily.lockedOutHours)
    addSeries(out.daily.residualHours, t.daily.residualHours)
    addSeries(out.daily.requests, t.daily.requests)
    out.perf.setupSeconds = Math.max(out.perf.setupSeconds, t.perf.setupSeconds)
    out.perf.serverMs += t.perf.serverMs
    addRecord(out.perf.routeMs, t.perf.routeMs)
    out.perf.evaluations += t.perf.evaluations
    out.perf.verifications += t.perf.verifications
  }
  return out
}

/** The report of one policy from the fleet's merged counts and the run's wall-clock and CPU time. */
export function policyReport(
  options: SimOptions,
  policy: SimPolicy,
  t: ShardTally,
  time: { wallSeconds: number; cpuSeconds: number },
): PolicyReport {
  const sorted = [...t.offlineSeconds].sort((a, b) => a - b)
  const pct = (p: number) =>
    round2((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) / HOUR)
  const [first = 0, ...ends] = t.seatSamples
  const seats = ends.map((s, day) => (day === 0 ? Math.max(first, s) : s))
  const routes = Object.keys(t.byRoute).sort()
  return {
    policy,
    devices: options.devices,
    days: options.days,
    lockedOutDeviceHours: t.lockedOutDeviceHours,
    devicesLockedOut: t.devicesLockedOut,
    stateHours: Object.fromEntries(
      Object.entries(t.stateHours).sort(([a], [b]) => stateRank(a) - stateRank(b) || byName(a, b)),
    ),
    revocations: { ...t.revocations },
    renewals: {
      ...t.renewals,
      successRate: ratio(t.renewals.succeeded, t.renewals.attempts),
      answeredSuccessRate: ratio(t.renewals.succeeded, t.renewals.attempts - t.renewals.offline),
    },
    checkIns: { ...t.checkIns },
    offlineDurations: {
      count: sorted.length,
      p50Hours: pct(0.5),
      p90Hours: pct(0.9),
      p99Hours: pct(0.99),
      maxHours: round2((sorted[sorted.length - 1] ?? 0) / HOUR),
      histogram: histogram(sorted),
    },
    server: {
      requests: t.requests,
      byRoute: sortedRecord(t.byRoute),
      byStatusClass: sortedRecord(t.byStatusClass),
      requestsPerSecond: round4(t.requests / (options.days * DAY)),
      peakHourRequestsPerSecond: round4(peak(t.hourlyRequests) / HOUR),
      peakSeats: peak(t.seatSamples),
    },
    daily: { ...t.daily, seats },
    perf: {
      wallSeconds: round2(time.wallSeconds),
      cpuSeconds: round2(time.cpuSeconds),
      deviceDaysPerSecond: Math.round((options.devices * options.days) / time.wallSeconds),
      setupSeconds: round2(t.perf.setupSeconds),
      serverSeconds: round2(t.perf.serverMs / 1000),
      requests: t.requests,
      msPerRequestByRoute: Object.fromEntries(
        routes.map((r) => [r, round2((t.perf.routeMs[r] ?? 0) / (t.byRoute[r] ?? 1))]),
      ),
      evaluations: t.perf.evaluations,
      verifications: t.perf.verifications,
    },
  }
}

/** Known states in report order, then any other alphabetically. */
function stateRank(state: string): number {
  const i = (DECISION_STATES as readonly string[]).indexOf(state)
  return i >= 0 ? i : DECISION_STATES.length
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function peak(series: readonly number[]): number {
  let max = 0
  for (const n of series) if (n > max) max = n
  return max
}

function addRecord<K extends string>(into: Record<K, number>, from: Readonly<Record<K, number>>): void {
  for (const key of Object.keys(from) as K[]) into[key] = (into[key] ?? 0) + from[key]
}

function addSeries(into: number[], from: readonly number[]): void {
  for (let i = 0; i < from.length; i++) into[i] = (into[i] ?? 0) + from[i]!
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => byName(a, b)))
}

function histogram(sorted: number[]): { bucket: string; count: number }[] {
  const counts = OFFLINE_BUCKETS.map(([bucket]) => ({ bucket, count: 0 }))
  for (const s of sorted) {
    const i = OFFLINE_BUCKETS.findIndex(([, max]) => s < max)
    counts[i]!.count++
  }
  return counts
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : Math.round((a / b) * 10_000) / 10_000
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}
