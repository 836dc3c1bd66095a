/**
 * The fleet simulator's inputs: policy, connectivity model, fleet size, and a seeded PRNG so the
 * same seed always yields the same fleet, outages, skews, revocations and jitter.
 */

export const DAY = 86_400
export const HOUR = 3_600

/** Policy parameters as `tessera admin policy create` takes them (flags), in the server's units. */
export interface SimPolicy {
  offlineWindow: number
  renewAfter: number
  grace: number
  fallback: 'limited' | 'deny'
  /** Client check-in interval (policy checkIn, used as the client's `renewal.checkInSeconds`); 0 = none. */
  checkIn: number
}

export const DEFAULT_SIM_POLICY: SimPolicy = {
  offlineWindow: 7 * DAY,
  renewAfter: 3 * DAY,
  grace: 3 * DAY,
  fallback: 'limited',
  checkIn: DAY,
}

export type OutageDistribution = 'exponential' | 'lognormal'

export interface Connectivity {
  /** Mean number of outages per device per 30 days (online gaps are exponential). */
  outagesPerMonth: number
  /** Outage length distribution. */
  outageDistribution: OutageDistribution
  /** Median outage length, hours (lognormal), or mean (exponential). */
  outageHours: number
  /** Lognormal shape (σ of the log). */
  outageSigma: number
  /** Standard deviation of each device's constant clock skew, minutes. */
  skewMinutes: number
  /** Fraction of devices revoked (device revocation) at a uniform time after day 1. */
  revokeRate: number
}

export const DEFAULT_CONNECTIVITY: Connectivity = {
  outagesPerMonth: 2,
  outageDistribution: 'lognormal',
  outageHours: 12,
  outageSigma: 1.5,
  skewMinutes: 5,
  revokeRate: 0.01,
}

export interface SimOptions {
  devices: number
  days: number
  seed: number
  /** Devices per license (seats per license). */
  seatsPerLicense: number
  policy: SimPolicy
  connectivity: Connectivity
  /** Client schedule: jitter, initial and maximum back-off (seconds), the client's defaults. */
  jitterSeconds: number
  initialBackoffSeconds: number
  maxBackoffSeconds: number
}

export function defaultSimOptions(over: Partial<SimOptions> = {}): SimOptions {
  return {
    devices: 1000,
    days: 30,
    seed: 1,
    seatsPerLicense: 5,
    policy: { ...DEFAULT_SIM_POLICY },
    connectivity: { ...DEFAULT_CONNECTIVITY },
    jitterSeconds: 900,
    initialBackoffSeconds: 60,
    maxBackoffSeconds: 3600,
    ...over,
  }
}

/** mulberry32: small, fast, good enough for a simulation; deterministic for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A seed for stream `k` of a run, so devices draw independently of each other and of the policy. */
export function subSeed(seed: number, k: number): number {
  let h = (seed ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

export function exponential(mean: number, rnd: () => number): number {
  return -Math.log(1 - rnd()) * mean
}

export function standardNormal(rnd: () => number): number {
  const u = 1 - rnd()
  const v = rnd()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

export function lognormal(median: number, sigma: number, rnd: () => number): number {
  return median * Math.exp(sigma * standardNormal(rnd))
}

/** Outage intervals [start, end) in seconds from the start of the run, sorted, within `horizon`. */
export function drawOutages(c: Connectivity, horizon: number, rnd: () => number): [number, number][] {
  const out: [number, number][] = []
  if (c.outagesPerMonth <= 0 || c.outageHours <= 0) return out
  const meanGap = (30 * DAY) / c.outagesPerMonth
  let t = exponential(meanGap, rnd)
  while (t < horizon) {
    const hours =
      c.outageDistribution === 'exponential'
        ? exponential(c.outageHours, rnd)
        : lognormal(c.outageHours, c.outageSigma, rnd)
    const length = Math.max(60, Math.round(hours * HOUR))
    out.push([Math.floor(t), Math.floor(t) + length])
    t += length + exponential(meanGap, rnd)
  }
  return out
}

/** Parses `offline-days=3,grace-days=1` (the policy flag names without dashes) onto `base`. */
export function parsePolicyOverrides(text: string, base: SimPolicy): SimPolicy {
  const policy = { ...base }
  for (const part of text.split(',').filter((p) => p.trim().length > 0)) {
    const [rawKey, rawValue] = part.split('=')
    const key = rawKey?.trim().replace(/^--/, '')
    const value = rawValue?.trim()
    if (!key || value === undefined || value === '') throw new Error(`bad policy override "${part}"`)
    applyPolicyFlag(policy, key, value)
  }
  return policy
}

/** One policy flag as `tessera admin policy create` names it. */
export function applyPolicyFlag(policy: SimPolicy, key: string, value: string): void {
  if (key === 'fallback') {
    if (value !== 'limited' && value !== 'deny') throw new Error('fallback must be limited or deny')
    policy.fallback = value
    return
  }
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) throw new Error(`${key} must be a non-negative number`)
  switch (key) {
    case 'offline-days':
      policy.offlineWindow = Math.round(n * DAY)
      return
    case 'renew-days':
      policy.renewAfter = Math.round(n * DAY)
      return
    case 'grace-days':
      policy.grace = Math.round(n * DAY)
      return
    case 'check-in-hours':
      policy.checkIn = Math.round(n * HOUR)
      return
    default:
      throw new Error(
        `unknown policy setting "${key}" (offline-days, renew-days, grace-days, fallback, check-in-hours)`,
      )
  }
}

/** A short label such as "offline 7d / renew 3d / grace 3d / limited / check-in 24h". */
export function policyLabel(p: SimPolicy): string {
  const d = (s: number) => `${+(s / DAY).toFixed(2)}d`
  const checkIn = p.checkIn > 0 ? `${+(p.checkIn / HOUR).toFixed(1)}h` : 'off'
  return `offline ${d(p.offlineWindow)} / renew ${d(p.renewAfter)} / grace ${d(p.grace)} / ${p.fallback} / check-in ${checkIn}`
}

/**
 * One worker's slice of the fleet: whole licenses (seats of a license never span shards, so a
 * shard's server sees every request that could affect its devices) and their devices, by global
 * index, so a device draws the same streams whatever the number of shards.
 */
export interface ShardSpec {
  index: number
  firstLicense: number
  licenses: number
  firstDevice: number
  devices: number
}

/** What a worker simulates: one policy over one shard. Plain data (crosses a thread boundary). */
export interface ShardTask {
  options: SimOptions
  policy: SimPolicy
  shard: ShardSpec
  /**
   * Directory for the shard's server data (in a fresh subdirectory), which the caller removes
   * even when a worker was stopped before cleaning up. Default: a temporary directory of its own.
   */
  workDir?: string
  /**
   * Wake every device every hour instead of only when its decision, renewal or check-in can
   * change: the reference that the skipping must reproduce (tests). Default false.
   */
  everyHour?: boolean
}

/** Splits the licenses into at most `workers` contiguous, near-equal shards (never an empty one). */
export function planShards(options: SimOptions, workers: number): ShardSpec[] {
  const licenses = Math.ceil(options.devices / options.seatsPerLicense)
  const count = Math.max(1, Math.min(Math.floor(workers), licenses))
  const shards: ShardSpec[] = []
  for (let index = 0; index < count; index++) {
    const firstLicense = Math.floor((index * licenses) / count)
    const endLicense = Math.floor(((index + 1) * licenses) / count)
    const firstDevice = firstLicense * options.seatsPerLicense
    const endDevice = Math.min(options.devices, endLicense * options.seatsPerLicense)
    shards.push({
      index,
      firstLicense,
      licenses: endLicense - firstLicense,
      firstDevice,
      devices: endDevice - firstDevice,
    })
  }
  return shards
}

/**
 * Seed of a shard's server-side stream (license keys and ids, nonces, token ids): none of it
 * changes what a device does, so shards may differ here without changing the report. Shard 0
 * keeps the stream of a single-process run.
 */
export function serverSeed(seed: number, shard: number): number {
  const base = subSeed(seed, 0x5eed)
  return shard === 0 ? base : subSeed(base, shard)
}
