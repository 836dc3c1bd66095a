import { describe, expect, it } from 'vitest'
import { activate, sellLicense, TEST_DIALECTS, useAdminServer } from './test-support/admin-harness.js'

describe.each(TEST_DIALECTS)('operator device search and detail on %s', (dialect) => {
  const fx = useAdminServer(dialect)

  it('finds devices by device id prefix, license id or license key, paged, most recently seen first', async () => {
    const sold = await sellLicense(fx, { seats: 3 })
    const a = await activate(fx, sold.product, sold.key)
    const b = await activate(fx, sold.product, sold.key)
    const other = await sellLicense(fx)
    await activate(fx, other.product, other.key)

    const prefix = await fx.get(`/v1/admin/devices?q=${a.device.id.slice(0, 10)}`)
    expect(prefix.status, JSON.stringify(prefix.body)).toBe(200)
    expect(prefix.body.devices).toEqual([
      expect.objectContaining({ licenseId: sold.license, deviceId: a.device.id, status: 'active' }),
    ])
    expect(prefix.body.devices[0]).not.toHaveProperty('publicJwk')
    const byLicense = await fx.get(`/v1/admin/devices?q=${sold.license}`)
    expect(byLicense.body.total).toBe(2)
    expect(byLicense.body.devices.map((d: { deviceId: string }) => d.deviceId).sort()).toEqual(
      [a.device.id, b.device.id].sort(),
    )
    const byKey = await fx.get(`/v1/admin/devices?q=${encodeURIComponent(sold.key)}&limit=1&offset=1`)
    expect(byKey.body).toMatchObject({ total: 2, limit: 1, offset: 1 })
    expect(byKey.body.devices).toHaveLength(1)
    const wrongCase = await fx.get(`/v1/admin/devices?q=${swapCase(a.device.id.slice(0, 12))}`)
    expect(wrongCase.body).toMatchObject({ devices: [], total: 0 })
    const viewer = await fx.tokenWith('read')
    expect((await fx.get(`/v1/admin/devices?q=${sold.license}`, viewer)).status).toBe(200)
  })

  it('answers bad input with problem+json', async () => {
    for (const [path, code] of [
      ['/v1/admin/devices?q=a/b', 'VALIDATION_FAILED'],
      ['/v1/admin/devices?q=', 'VALIDATION_FAILED'],
      ['/v1/admin/devices?limit=0', 'VALIDATION_FAILED'],
      ['/v1/admin/devices?status=lost', 'VALIDATION_FAILED'],
      ['/v1/admin/devices?sort=name', 'VALIDATION_FAILED'],
      ['/v1/admin/devices?q=TSR-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AA', 'LICENSE_KEY_MALFORMED'],
      ['/v1/admin/devices/not%2Fa%2Fdevice', 'VALIDATION_FAILED'],
      ['/v1/admin/devices/unknownDevice', 'DEVICE_NOT_FOUND'],
    ] as const) {
      const res = await fx.get(path)
      expect(res.type, path).toContain('application/problem+json')
      expect(res.body.code, path).toBe(code)
    }
    expect((await fx.get('/v1/admin/devices', 'tsa_wrong')).status).toBe(401)
  })

  it('shows a device with its license, leases, last contact and revocation', async () => {
    const sold = await sellLicense(fx, { seats: 2 })
    const { device, verified } = await activate(fx, sold.product, sold.key)
    const shown = await fx.get(`/v1/admin/devices/${device.id}`)
    expect(shown.status, JSON.stringify(shown.body)).toBe(200)
    expect(shown.body).toMatchObject({ deviceId: device.id, lastSeenAt: expect.any(Number) })
    expect(shown.body.bindings).toHaveLength(1)
    const [binding] = shown.body.bindings
    expect(binding.license).toMatchObject({ id: sold.license, productId: sold.product, status: 'active' })
    expect(binding.license).not.toHaveProperty('keyHash')
    expect(binding.device).toMatchObject({ deviceId: device.id, status: 'active', revokedReason: null })
    expect(binding.leases).toEqual([expect.objectContaining({ jti: verified.lease.jti, revokedAt: null })])
    expect(binding.revocation).toBeNull()

    await fx.post(`/v1/admin/licenses/${sold.license}/devices/${device.id}/revoke`, { reason: 'stolen' })
    const after = (await fx.get(`/v1/admin/devices/${device.id}`)).body.bindings[0]
    expect(after.device).toMatchObject({ status: 'revoked', revokedReason: 'stolen' })
    expect(after.revocation).toMatchObject({ kind: 'device', targetId: device.id, reason: 'stolen' })
    expect(after.leases[0].revokedAt).toEqual(expect.any(Number))
  })
})

const swapCase = (s: string) =>
  [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')
