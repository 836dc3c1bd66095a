/**
 * The figures of `GET /v1/admin/stats` (packages/server/src/routes/admin/oversight-routes.ts) as
 * the overview draws them. Read defensively: a missing or malformed member becomes null or an
 * empty list (shown as "—" or "No data yet"), never a broken page.
 */
export interface DashboardStats {
  generatedAt: number | null
  activeDevices: number | null
  devicesInGrace: number | null
  devicesLimited: number | null
  /** Devices past grace under a `deny` policy. */
  devicesDenied: number | null
  /** The server classified only the first stale devices (grace/limited/denied are lower bounds). */
  devicesTruncated: boolean
  renewals24h: RenewalWindow
  renewals7d: RenewalWindow
  /** Leases the server issued (activations and renewals that reached it), a cross-check of telemetry. */
  leasesIssued24h: number | null
  leasesIssued7d: number | null
  renewalSeries: RenewalBucket[]
  offlineHistogram: HistogramBin[]
  /** Client-reported anomalies (telemetry) and server-detected ones (refused device requests), 7 days. */
  anomalies: AnomalyRow[]
  recentRevocations: RevocationRow[]
}

/** Who saw an anomaly: a device (telemetry it uploaded) or the server (a request it refused). */
export type AnomalySource = 'device' | 'server'

export interface AnomalyRow {
  type: string
  count: number
  source: AnomalySource
}

export interface RenewalWindow {
  /** ok / attempts, 0..1; null when no attempt was reported. */
  rate: number | null
  attempts: number
}

/** One bucket of renewal outcomes (a UTC day starting at `start`, epoch seconds). */
export interface RenewalBucket {
  start: number
  ok: number
  offline: number
  server_error: number
  rejected: number
}

export interface HistogramBin {
  /** Lower bound, seconds (inclusive). */
  from: number
  /** Upper bound, seconds (exclusive); null for the open last bin. */
  to: number | null
  count: number
}

export interface RevocationRow {
  kind: string
  targetId: string
  licenseId: string
  reason: string
  at: number | null
}

type Obj = Record<string, unknown>
const OUTCOMES = ['ok', 'offline', 'server_error', 'rejected'] as const

const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {})
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : [])
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

export function normalizeStats(raw: unknown): DashboardStats {
  const o = obj(raw)
  const devices = obj(o.devices)
  const renewals = obj(o.renewals)
  return {
    generatedAt: num(o.generatedAt),
    activeDevices: num(devices.active),
    devicesInGrace: num(devices.grace),
    devicesLimited: num(devices.limited),
    devicesDenied: num(devices.denied),
    devicesTruncated: devices.truncated === true,
    renewals24h: window(renewals.last24h),
    renewals7d: window(renewals.last7d),
    leasesIssued24h: num(obj(renewals.leasesIssued).last24h),
    leasesIssued7d: num(obj(renewals.leasesIssued).last7d),
    renewalSeries: arr(renewals.series)
      .filter((b) => num(b.start) !== null)
      .map((b) => {
        const bucket: RenewalBucket = {
          start: num(b.start)!,
          ok: 0,
          offline: 0,
          server_error: 0,
          rejected: 0,
        }
        for (const outcome of OUTCOMES) bucket[outcome] = Math.max(0, num(b[outcome]) ?? 0)
        return bucket
      })
      .sort((a, b) => a.start - b.start),
    offlineHistogram: arr(obj(o.offline).buckets).map((b) => ({
      from: num(b.from) ?? 0,
      to: num(b.to),
      count: Math.max(0, num(b.count) ?? 0),
    })),
    anomalies: [...anomalyRows(o.anomalies, 'device'), ...anomalyRows(o.refusals, 'server')],
    recentRevocations: arr(obj(o.revocations).recent).map((r) => ({
      kind: str(r.kind) || 'license',
      targetId: str(r.targetId),
      licenseId: str(r.licenseId),
      reason: str(r.reason),
      at: num(r.createdAt),
    })),
  }
}

function anomalyRows(v: unknown, source: AnomalySource): AnomalyRow[] {
  return arr(v)
    .map((a) => ({ type: str(a.code) || 'unknown', count: Math.max(0, num(a.count) ?? 0), source }))
    .sort((a, b) => b.count - a.count)
}

function window(v: unknown): RenewalWindow {
  const w = obj(v)
  const attempts = num(w.total) ?? OUTCOMES.reduce((n, k) => n + (num(w[k]) ?? 0), 0)
  const rate = num(w.rate) ?? (attempts > 0 ? (num(w.ok) ?? 0) / attempts : null)
  return { rate: rate === null ? null : Math.min(1, Math.max(0, rate)), attempts }
}
