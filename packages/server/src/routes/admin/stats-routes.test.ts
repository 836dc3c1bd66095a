import { describe, expect, it } from 'vitest'
import {
  activate,
  call,
  DAY,
  deviceCall,
  sellLicense,
  sqlExec,
  TEST_DIALECTS,
  useAdminServer,
} from './test-support/admin-harness.js'

const seatsGauge = (text: string) => Number(/^tessera_seats_in_use (\d+)$/m.exec(text)?.[1])

describe.each(TEST_DIALECTS)('operator dashboard figures on %s', (dialect) => {
  const fx = useAdminServer(dialect)

  it('reports seats, licenses, renewal health, offline durations, anomalies, likely-offline devices and revocations', async () => {
    const sold = await sellLicense(fx, { seats: 3 })
    const [a, b, c] = [
      await activate(fx, sold.product, sold.key),
      await activate(fx, sold.product, sold.key),
      await activate(fx, sold.product, sold.key),
    ]
    const now = Math.floor(Date.now() / 1000)
    let n = 0
    const event = (type: string, at: number, extra: object) => ({ id: `e${++n}`, type, at, ...extra })
    const uploaded = await deviceCall(fx, a!.device, '/v1/telemetry', {
      product: sold.product,
      license: sold.license,
      events: [
        event('renewal', now - 60, { outcome: 'ok' }),
        event('renewal', now - 50, { outcome: 'ok' }),
        event('renewal', now - 40, { outcome: 'ok' }),
        event('renewal', now - 30, { outcome: 'offline' }),
        event('renewal', now - 2 * DAY, { outcome: 'server_error' }),
        event('renewal', now - 30 * DAY, { outcome: 'rejected' }),
        event('offline', now - 20, { seconds: 7200 }),
        event('offline', now - 20, { seconds: 3 * DAY + 5 }),
        event('anomaly', now - 10, { code: 'CLOCK_ROLLBACK' }),
        event('anomaly', now - 10, { code: 'CLOCK_ROLLBACK' }),
        event('anomaly', now - 10, { code: 'STORE_TAMPERED' }),
      ],
    })
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(202)
    // b was last seen 8 days ago (7-day window, 3 days of grace: in grace), c 20 days ago (limited).
    await sqlExec(fx.srv, 'update devices set last_seen_at = $1 where device_id = $2', [
      now - 8 * DAY,
      b!.device.id,
    ])
    await sqlExec(fx.srv, 'update devices set last_seen_at = $1 where device_id = $2', [
      now - 20 * DAY,
      c!.device.id,
    ])
    await fx.post(`/v1/admin/leases/${a!.verified.lease.jti}/revoke`, { reason: 'copied' })
    const extra = await fx.post('/v1/admin/licenses', { product: sold.product, policy: sold.policy })
    await fx.post(`/v1/admin/licenses/${extra.body.id}/revoke`, { reason: 'refund' })

    const res = await fx.get('/v1/admin/stats')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const s = res.body
    expect(s.devices).toEqual({ active: 3, grace: 1, limited: 1, denied: 0, truncated: false })
    expect(s.licenses).toEqual({ active: 2, suspended: 0, revoked: 1, total: 3 })
    expect(s.renewals.source).toBe('telemetry')
    expect(s.renewals.last24h).toEqual({
      ok: 3,
      offline: 1,
      server_error: 0,
      rejected: 0,
      total: 4,
      rate: 0.75,
    })
    expect(s.renewals.last7d).toMatchObject({ ok: 3, offline: 1, server_error: 1, rejected: 0, total: 5 })
    expect(s.renewals.series).toHaveLength(7)
    const starts = s.renewals.series.map((d: { start: number }) => d.start)
    expect(
      starts.every((t: number, i: number) => t % DAY === 0 && (i === 0 || t - starts[i - 1] === DAY)),
    ).toBe(true)
    const sum = (k: string) =>
      s.renewals.series.reduce((acc: number, d: Record<string, number>) => acc + d[k]!, 0)
    expect([sum('ok'), sum('offline'), sum('server_error'), sum('rejected')]).toEqual([3, 1, 1, 0])
    expect(s.renewals.leasesIssued.last24h).toBeGreaterThanOrEqual(3)
    expect(s.anomalies).toEqual([
      { code: 'CLOCK_ROLLBACK', count: 2 },
      { code: 'STORE_TAMPERED', count: 1 },
    ])
    expect(s.offline.buckets.map((x: { count: number }) => x.count)).toEqual([0, 1, 0, 0, 1, 0, 0, 0])
    expect(s.offline.buckets[1]).toEqual({ from: 3600, to: 6 * 3600, count: 1 })
    expect(s.offline.buckets.at(-1).to).toBeNull()
    expect(s.revocations.recent.map((r: { kind: string }) => r.kind)).toEqual(['license', 'lease'])
    expect(s.revocations.recent[0]).toMatchObject({ targetId: extra.body.id, reason: 'refund' })
  })

  it('counts the device requests it refused by problem code: forged and replayed proofs, revoked devices calling', async () => {
    const refusals = async () =>
      Object.fromEntries(
        ((await fx.get('/v1/admin/stats')).body.refusals as { code: string; count: number }[]).map((r) => [
          r.code,
          r.count,
        ]),
      ) as Record<string, number>
    const before = await refusals()
    const sold = await sellLicense(fx, { seats: 2 })
    const { device } = await activate(fx, sold.product, sold.key)
    const body = JSON.stringify({ product: sold.product, license: sold.license })
    const proof = await device.proof('POST', '/v1/status', body)
    const send = (headers: Record<string, string>) =>
      call(fx.srv.url, 'POST', '/v1/status', { raw: body, headers })
    expect((await send({ 'tessera-proof': proof })).status).toBe(200)
    const replay = await send({ 'tessera-proof': proof })
    expect([replay.status, replay.body.code]).toEqual([401, 'PROOF_INVALID'])
    expect((await send({})).body.code).toBe('PROOF_INVALID')
    await fx.post(`/v1/admin/licenses/${sold.license}/devices/${device.id}/revoke`, { reason: 'stolen' })
    expect((await deviceCall(fx, device, '/v1/renew', JSON.parse(body))).body.code).toBe('DEVICE_REVOKED')
    // Not an anomaly: a schema error of the request.
    expect((await call(fx.srv.url, 'POST', '/v1/status', { body: { nope: 1 } })).status).toBe(400)

    const after = await refusals()
    const delta = (code: string) => (after[code] ?? 0) - (before[code] ?? 0)
    expect([delta('PROOF_INVALID'), delta('DEVICE_REVOKED'), delta('VALIDATION_FAILED')]).toEqual([2, 1, 0])
  })

  it('exposes tessera_seats_in_use on /metrics, read from the database at each scrape', async () => {
    const before = seatsGauge((await call(fx.srv.url, 'GET', '/metrics')).body)
    const sold = await sellLicense(fx, { seats: 2 })
    const one = await activate(fx, sold.product, sold.key)
    await activate(fx, sold.product, sold.key)
    const metrics = (await call(fx.srv.url, 'GET', '/metrics')).body as string
    expect(seatsGauge(metrics)).toBe(before + 2)
    expect(metrics).toContain('tessera_activations_total{outcome="activated"}')
    expect(metrics).toContain('tessera_http_request_duration_seconds_bucket')
    await fx.post(`/v1/admin/licenses/${sold.license}/devices/${one.device.id}/release`, {
      reason: 'lost laptop',
    })
    expect(seatsGauge((await call(fx.srv.url, 'GET', '/metrics')).body)).toBe(before + 1)
    await fx.post(`/v1/admin/licenses/${sold.license}/revoke`, { reason: 'refund' })
    expect(seatsGauge((await call(fx.srv.url, 'GET', '/metrics')).body)).toBe(before)
    expect((await fx.get('/v1/admin/stats')).body.devices.active).toBe(before)
  })
})
