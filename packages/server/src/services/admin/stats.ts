import type { ServerContext } from '../../context.js'
import type { PolicyVersion, Rollout, StaleSeat, Storage } from '../../storage/index.js'
import { parsePolicyParams, versionFor } from '../policy-resolution.js'
import { revocationView } from './views.js'

const HOUR = 3600
const DAY = 86_400
/** Renewal outcomes clients report (telemetry `renewal` events). */
const OUTCOMES = ['ok', 'offline', 'server_error', 'rejected'] as const
/** Offline-duration histogram edges, seconds: 1 h, 6 h, 1 d, 3 d, 7 d, 14 d, 30 d, then open. */
export const OFFLINE_EDGES = [0, HOUR, 6 * HOUR, DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY]
/** Stale devices classified per request; beyond, `devices.truncated` is set. */
const STALE_LIMIT = 10_000
const RECENT_REVOCATIONS = 10
/** Client clocks run a little ahead: events up to this far in the future still count. */
const FUTURE_SLACK = 300

type Outcome = (typeof OUTCOMES)[number]
type OutcomeCounts = Record<Outcome, number>

/**
 * The operator dashboard's figures, from the server's own database.
 *
 * Renewal success comes from client telemetry (`renewal` events with their outcome), because
 * only the client sees the failures that matter most: a renewal that never reached the server
 * (network down, server unreachable, TLS broken) leaves no trace on the server, and the
 * server-side counters are per process and reset on restart. Telemetry arrives late (queued until
 * the device is online again), so the newest buckets fill in over time; `leasesIssued` (server
 * side: activations and renewals that succeeded, from the lease table) is given alongside as a
 * cross-check that does not depend on clients uploading.
 *
 * Anomalies come from two sources: `anomalies` as clients report them (clock rollback, store
 * tampering…) and `refusals`, the device requests this server refused by problem code (forged
 * or replayed proofs, revoked devices still calling…) over the last 7 UTC days.
 */
export async function dashboardStats(ctx: ServerContext) {
  const now = ctx.now()
  const s = ctx.storage
  await ctx.refusals.flush().catch(() => undefined) // this replica's latest refusals count too
  const today = now - (now % DAY)
  const [licenses, seats, devices, renewals, anomalies, offline, refusals, revocations] = await Promise.all([
    licenseCounts(s),
    s.countActiveSeats(),
    offlineDevices(s, now),
    renewalStats(s, now),
    s.countTelemetryBy({ type: 'anomaly', field: 'code', from: now - 7 * DAY, to: now + FUTURE_SLACK }),
    offlineHistogram(s, now),
    s.countRefusals({ from: today - 6 * DAY, to: today + DAY }),
    recentRevocations(s),
  ])
  return {
    generatedAt: now,
    devices: { active: seats, ...devices },
    licenses,
    renewals,
    anomalies: anomalies.map((a) => ({ code: a.value ?? 'unknown', count: a.count })),
    refusals,
    offline,
    revocations: { recent: revocations.map(revocationView) },
  }
}

async function licenseCounts(s: Storage) {
  const [active, suspended, revoked] = await Promise.all([
    s.countLicenses({ status: 'active' }),
    s.countLicenses({ status: 'suspended' }),
    s.countLicenses({ status: 'revoked' }),
  ])
  return { active, suspended, revoked, total: active + suspended + revoked }
}

/** Renewal outcomes (device telemetry) over 24 h and 7 d, the daily series, and leases the server issued. */
async function renewalStats(s: Storage, now: number) {
  const [last24h, last7d, series, issued24h, issued7d] = await Promise.all([
    renewalWindow(s, now - DAY, now + FUTURE_SLACK),
    renewalWindow(s, now - 7 * DAY, now + FUTURE_SLACK),
    renewalSeries(s, now),
    s.countLeasesIssued({ from: now - DAY, to: now + 1 }),
    s.countLeasesIssued({ from: now - 7 * DAY, to: now + 1 }),
  ])
  return {
    source: 'telemetry' as const,
    last24h,
    last7d,
    series,
    leasesIssued: { last24h: issued24h, last7d: issued7d },
  }
}

/** How long devices reported being offline over the last 7 days, in OFFLINE_EDGES buckets. */
async function offlineHistogram(s: Storage, now: number) {
  const counts = await s.telemetryHistogram({
    type: 'offline',
    field: 'seconds',
    edges: OFFLINE_EDGES,
    from: now - 7 * DAY,
    to: now + FUTURE_SLACK,
  })
  return {
    buckets: OFFLINE_EDGES.map((from, i) => ({
      from,
      to: OFFLINE_EDGES[i + 1] ?? null,
      count: counts[i] ?? 0,
    })),
  }
}

/** Renewal outcomes of events with `from <= at < to`; `rate` is ok / all attempts (null without any). */
async function renewalWindow(storage: Storage, from: number, to: number) {
  const counts = emptyCounts()
  for (const row of await storage.countTelemetry({ from, to })) {
    if (row.type === 'renewal' && isOutcome(row.outcome)) counts[row.outcome] += row.count
  }
  const total = OUTCOMES.reduce((n, o) => n + counts[o], 0)
  return { ...counts, total, rate: total > 0 ? counts.ok / total : null }
}

/** Renewal outcomes per UTC day over the last 7 days (today included), oldest first. */
async function renewalSeries(storage: Storage, now: number) {
  const today = now - (now % DAY)
  const days = Array.from({ length: 7 }, (_, i) => today - (6 - i) * DAY)
  return Promise.all(
    days.map(async (start) => {
      const { total: _t, rate: _r, ...counts } = await renewalWindow(storage, start, start + DAY)
      return { start, ...counts }
    }),
  )
}

async function recentRevocations(storage: Storage) {
  const latest = await storage.latestRevocationSeq()
  const rows = await storage.listRevocations({ sinceSeq: Math.max(0, latest - RECENT_REVOCATIONS) })
  return rows.reverse()
}

/**
 * Devices likely past their offline window: an active device last seen longer ago than the window
 * of the policy version its license follows is presumably in grace, and past window + grace in
 * its fallback (limited, or denied under a `deny` policy). "Likely": the server cannot know about
 * contacts that never reached it, which is exactly what it is estimating.
 */
async function offlineDevices(storage: Storage, now: number) {
  const versions = await allPolicyVersions(storage)
  const windows = [...versions.values()].map((v) => v.offlineWindow)
  const counts = { grace: 0, limited: 0, denied: 0, truncated: false }
  if (windows.length === 0) return counts
  const stale = await storage.listStaleSeats({
    lastSeenBefore: now - Math.min(...windows),
    limit: STALE_LIMIT,
  })
  counts.truncated = stale.length === STALE_LIMIT
  const rollouts = new Map<string, Promise<Rollout | undefined>>()
  for (const seat of stale) {
    if (!rollouts.has(seat.policyId)) rollouts.set(seat.policyId, storage.getRollout(seat.policyId))
    const params = versions.get(
      `${seat.policyId}/${versionFor(await rollouts.get(seat.policyId), seat.policyId, seat.licenseId)}`,
    )
    const state = params && classify(seat, params, now)
    if (state) counts[state]++
  }
  return counts
}

function classify(
  seat: StaleSeat,
  p: { offlineWindow: number; grace: number; fallback: string },
  now: number,
): 'grace' | 'limited' | 'denied' | undefined {
  const away = now - seat.lastSeenAt
  if (away <= p.offlineWindow) return undefined
  if (away <= p.offlineWindow + p.grace) return 'grace'
  return p.fallback === 'deny' ? 'denied' : 'limited'
}

/** Parameters of every policy version, by "policy/version". */
async function allPolicyVersions(storage: Storage) {
  const out = new Map<string, ReturnType<typeof parsePolicyParams>>()
  const lists = await Promise.all((await storage.listPolicies()).map((p) => storage.listPolicyVersions(p.id)))
  for (const v of lists.flat() as PolicyVersion[]) {
    try {
      out.set(`${v.policyId}/${v.version}`, parsePolicyParams(v.params))
    } catch {
      // A version stored before validation existed: it cannot be classified, so it is skipped.
    }
  }
  return out
}

const emptyCounts = (): OutcomeCounts => ({ ok: 0, offline: 0, server_error: 0, rejected: 0 })
const isOutcome = (o: string | null): o is Outcome =>
  o !== null && (OUTCOMES as readonly string[]).includes(o)
