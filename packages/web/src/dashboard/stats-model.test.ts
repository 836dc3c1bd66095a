import { describe, expect, it } from 'vitest'
import { binLabel } from './charts/histogram-chart.js'
import { listOf, toDeviceDetail, toLicense, toPolicy } from './records.js'
import { normalizeStats } from './stats-model.js'

/** An answer of the shape GET /v1/admin/stats sends. */
const ANSWER = {
  generatedAt: 1000,
  devices: { active: 12, grace: 2, limited: 1, denied: 0, truncated: false },
  licenses: { active: 3, suspended: 0, revoked: 1, total: 4 },
  renewals: {
    source: 'telemetry',
    last24h: { ok: 9, offline: 1, server_error: 0, rejected: 0, total: 10, rate: 0.9 },
    last7d: { ok: 0, offline: 0, server_error: 0, rejected: 0, total: 0, rate: null },
    series: [
      { start: 200, ok: 2, offline: 0, server_error: 0, rejected: 1 },
      { start: 100, ok: 3, offline: 1, server_error: 0, rejected: 0 },
    ],
    leasesIssued: { last24h: 7, last7d: 30 },
  },
  anomalies: [
    { code: 'CLOCK_ROLLBACK', count: 2 },
    { code: 'STORE_CORRUPT', count: 5 },
  ],
  refusals: [{ code: 'PROOF_INVALID', count: 3 }],
  offline: {
    buckets: [
      { from: 0, to: 3600, count: 4 },
      { from: 3600, to: null, count: 1 },
    ],
  },
  revocations: {
    recent: [
      {
        seq: 1,
        kind: 'license',
        targetId: 'lic_1',
        licenseId: 'lic_1',
        productId: 'demo',
        reason: 'refund',
        createdAt: 5,
      },
    ],
  },
}

describe('normalizeStats', () => {
  it('reads the server answer', () => {
    const stats = normalizeStats(ANSWER)
    expect(stats.activeDevices).toBe(12)
    expect([stats.devicesInGrace, stats.devicesLimited, stats.devicesDenied]).toEqual([2, 1, 0])
    expect(stats.renewals24h).toEqual({ rate: 0.9, attempts: 10 })
    expect(stats.renewals7d).toEqual({ rate: null, attempts: 0 })
    expect(stats.leasesIssued24h).toBe(7)
    expect(stats.leasesIssued7d).toBe(30)
    expect(stats.devicesTruncated).toBe(false)
    expect(normalizeStats({ devices: { truncated: true } }).devicesTruncated).toBe(true)
    expect(stats.renewalSeries.map((b) => b.start)).toEqual([100, 200])
    expect(stats.offlineHistogram).toEqual([
      { from: 0, to: 3600, count: 4 },
      { from: 3600, to: null, count: 1 },
    ])
    expect(stats.anomalies).toEqual([
      { type: 'STORE_CORRUPT', count: 5, source: 'device' },
      { type: 'CLOCK_ROLLBACK', count: 2, source: 'device' },
      { type: 'PROOF_INVALID', count: 3, source: 'server' },
    ])
    expect(stats.recentRevocations).toEqual([
      { kind: 'license', targetId: 'lic_1', licenseId: 'lic_1', reason: 'refund', at: 5 },
    ])
  })

  it('computes a missing rate from the counts', () => {
    const stats = normalizeStats({ renewals: { last24h: { ok: 3, offline: 1 } } })
    expect(stats.renewals24h).toEqual({ rate: 0.75, attempts: 4 })
  })

  it('turns an empty or foreign answer into nulls and empty lists, never a crash', () => {
    for (const raw of [
      null,
      42,
      'x',
      [],
      {},
      { devices: 'x', renewals: [], anomalies: 7, offline: { buckets: 'no' } },
    ]) {
      const stats = normalizeStats(raw)
      expect(stats.activeDevices).toBeNull()
      expect(stats.renewals24h).toEqual({ rate: null, attempts: 0 })
      expect(stats.renewalSeries).toEqual([])
      expect(stats.offlineHistogram).toEqual([])
      expect(stats.anomalies).toEqual([])
    }
  })
})

describe('histogram labels', () => {
  it('are short enough to sit under a column', () => {
    const label = (from: number, to: number | null) => binLabel({ from, to, count: 0 })
    expect(label(0, 3600)).toBe('< 1 h')
    expect(label(3600, 6 * 3600)).toBe('1–6 h')
    expect(label(6 * 3600, 86_400)).toBe('6 h–1 d')
    expect(label(14 * 86_400, 30 * 86_400)).toBe('14–30 d')
    expect(label(30 * 86_400, null)).toBe('≥ 30 d')
  })
})

describe('records', () => {
  it('reads lists bare or wrapped', () => {
    expect(listOf([1])).toEqual([1])
    expect(listOf({ items: [2] })).toEqual([2])
    expect(listOf({ licenses: [3] }, 'licenses')).toEqual([3])
    expect(listOf({ nothing: 1 })).toEqual([])
  })

  it('reads a license with its devices', () => {
    const license = toLicense({
      id: 'lic_1',
      status: 'active',
      seats: 3,
      seatsInUse: 1,
      policyVersion: 2,
      devices: [{ deviceId: 'd1', status: 'active' }],
    })
    expect(license).toMatchObject({ id: 'lic_1', seats: 3, seatsInUse: 1, policyVersion: 2 })
    expect(license.devices[0]!.deviceId).toBe('d1')
    expect(license.leases).toEqual([])
  })

  it('reads a device detail with its licenses, leases and revocation', () => {
    const detail = toDeviceDetail({
      deviceId: 'd1',
      lastSeenAt: 9,
      bindings: [
        {
          license: { id: 'lic_1', status: 'active' },
          device: { deviceId: 'd1', status: 'revoked', revokedReason: 'stolen', lastSeenAt: 9 },
          leases: [{ jti: 'lea_1', deviceId: 'd1', issuedAt: 1, expiresAt: 2, revokedAt: 3 }],
          revocation: { seq: 4, kind: 'device', reason: 'stolen', createdAt: 5 },
        },
        { license: { id: 'lic_2' }, device: {}, leases: 'x', revocation: null },
      ],
    })
    expect(detail.bindings[0]).toMatchObject({
      license: { id: 'lic_1' },
      device: { status: 'revoked', revokedReason: 'stolen' },
      leases: [{ jti: 'lea_1', revokedAt: 3 }],
      revocation: { seq: 4, reason: 'stolen', createdAt: 5 },
    })
    expect(detail.bindings[1]).toMatchObject({ leases: [], revocation: null, device: { deviceId: '' } })
    expect(toDeviceDetail(null)).toEqual({ deviceId: '', lastSeenAt: undefined, bindings: [] })
  })

  it('reads a policy with sorted versions and its rollout', () => {
    const policy = toPolicy({
      id: 'pol_1',
      name: 'P',
      versions: [
        { version: 2, params: {}, licenses: 1 },
        { version: 1, params: { grace: 3 }, licenses: 4 },
      ],
      rollout: { fromVersion: 1, toVersion: 2, percent: 25, state: 'active' },
    })
    expect(policy.versions.map((v) => [v.version, v.licenses])).toEqual([
      [1, 4],
      [2, 1],
    ])
    expect(policy.rollout).toMatchObject({ toVersion: 2, percent: 25, state: 'active' })
    expect(toPolicy({ id: 'pol_2', rollout: null }).rollout).toBeNull()
  })
})
