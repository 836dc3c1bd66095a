import { describe, expect, it } from 'vitest'
import { TestDevice } from '../../test-support/test-device.js'
import {
  activate,
  call,
  deviceCall,
  POLICY,
  sellLicense,
  TEST_DIALECTS,
  uniq,
  useAdminServer,
} from './test-support/admin-harness.js'

describe.each(TEST_DIALECTS)('operator licenses on %s', (dialect) => {
  const fx = useAdminServer(dialect)

  async function catalog() {
    const product = uniq('prd')
    await fx.post('/v1/admin/products', {
      id: product,
      name: 'P',
      features: ['view', 'edit', 'export'],
      essential: ['view'],
    })
    await fx.post(`/v1/admin/products/${product}/editions`, { id: 'basic', features: ['view', 'edit'] })
    const policy = (await fx.post('/v1/admin/policies', { product, name: 'p', params: POLICY })).body
      .id as string
    return { product, policy }
  }

  it('sells a license: key shown once (stored as a hash), edition features and one seat by default', async () => {
    const { product, policy } = await catalog()
    const res = await fx.post('/v1/admin/licenses', {
      product,
      policy,
      edition: 'basic',
      ownerRef: 'acct_42',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.key).toMatch(/^TSR(-[0-9A-Z]{5}){5}-[0-9A-Z]{2}$/)
    expect(res.body.license).toMatchObject({
      id: res.body.id,
      productId: product,
      policyId: policy,
      edition: 'basic',
      features: ['view', 'edit'],
      seats: 1,
      ownerRef: 'acct_42',
      keyHint: res.body.key.slice(-4),
      status: 'active',
      expiresAt: null,
    })
    const shown = await fx.get(`/v1/admin/licenses/${res.body.id}`)
    expect(JSON.stringify(shown.body)).not.toContain(res.body.key)
    expect(shown.body).not.toHaveProperty('keyHash')
    const stored = await fx.srv.server.context.storage.getLicense(res.body.id)
    expect(stored?.keyHash).not.toContain(res.body.key.slice(4, 9))
    // The key activates a device of that product.
    const { verified } = await activate(fx, product, res.body.key)
    expect(verified.lease.fts).toEqual(['edit', 'view'])
    expect(verified.lease.edn).toBe('basic')

    const custom = await fx.post('/v1/admin/licenses', {
      product,
      policy,
      features: ['export'],
      seats: 5,
      expiresAt: Math.floor(Date.now() / 1000) + 86_400,
    })
    expect(custom.body.license).toMatchObject({ features: ['export'], seats: 5, edition: 'default' })
  })

  it('refuses e-mail owners, strangers, unknown references and unknown fields', async () => {
    const { product, policy } = await catalog()
    const email = await fx.post('/v1/admin/licenses', { product, policy, ownerRef: 'jane@example.com' })
    expect([email.status, email.body.code]).toEqual([400, 'VALIDATION_FAILED'])
    expect(email.body.detail).toContain('e-mail')
    expect((await fx.post('/v1/admin/licenses', { product, policy, features: ['fly'] })).status).toBe(400)
    expect((await fx.post('/v1/admin/licenses', { product, policy, seats: 0 })).status).toBe(400)
    expect((await fx.post('/v1/admin/licenses', { product, policy, expiresAt: 1000 })).status).toBe(400)
    expect((await fx.post('/v1/admin/licenses', { product, policy, name: 'Jane' })).status).toBe(400)
    expect((await fx.post('/v1/admin/licenses', { product, policy, edition: 'gold' })).status).toBe(404)
    expect((await fx.post('/v1/admin/licenses', { product: 'nope', policy })).status).toBe(404)
    expect((await fx.post('/v1/admin/licenses', { product, policy: 'pol_nope' })).status).toBe(404)
    const other = await catalog()
    const cross = await fx.post('/v1/admin/licenses', { product, policy: other.policy })
    expect([cross.status, cross.body.code]).toEqual([400, 'VALIDATION_FAILED'])
  })

  it('lists and searches licenses by product, status, id prefix, owner and license key', async () => {
    const { product, policy } = await catalog()
    const owner = uniq('acct')
    const a = await fx.post('/v1/admin/licenses', { product, policy, ownerRef: owner })
    const b = await fx.post('/v1/admin/licenses', { product, policy })
    await fx.post(`/v1/admin/licenses/${b.body.id}/revoke`, { reason: 'refund' })
    const all = await fx.get(`/v1/admin/licenses?product=${product}`)
    expect(all.body).toMatchObject({ total: 2, limit: 50, offset: 0 })
    expect(all.body.licenses.map((l: { id: string }) => l.id).sort()).toEqual([a.body.id, b.body.id].sort())
    const revoked = await fx.get(`/v1/admin/licenses?product=${product}&status=revoked`)
    expect(revoked.body.licenses.map((l: { id: string }) => l.id)).toEqual([b.body.id])
    expect((await fx.get(`/v1/admin/licenses?q=${owner}`)).body.licenses[0].id).toBe(a.body.id)
    expect((await fx.get(`/v1/admin/licenses?q=${a.body.id.slice(0, 10)}`)).body.total).toBeGreaterThan(0)
    const byKey = await fx.get(`/v1/admin/licenses?q=${encodeURIComponent(a.body.key.toLowerCase())}`)
    expect(byKey.body.licenses.map((l: { id: string }) => l.id)).toEqual([a.body.id])
    const key = a.body.key as string
    const typo = await fx.get(`/v1/admin/licenses?q=${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`)
    expect(typo.body.code).toBe('LICENSE_KEY_MALFORMED')
    const page = await fx.get(`/v1/admin/licenses?product=${product}&limit=1&offset=1`)
    expect(page.body.licenses).toHaveLength(1)
    expect((await fx.get('/v1/admin/licenses?status=lost')).status).toBe(400)
    expect((await fx.get('/v1/admin/licenses?color=red')).status).toBe(400)
    expect((await fx.get('/v1/admin/licenses/lic_nope')).body.code).toBe('LICENSE_NOT_FOUND')
  })

  it('shows devices and recent leases, releases a seat, revokes a device, a lease and the license', async () => {
    const sold = await sellLicense(fx, { seats: 2 })
    const one = await activate(fx, sold.product, sold.key)
    const two = await activate(fx, sold.product, sold.key)
    const shown = await fx.get(`/v1/admin/licenses/${sold.license}`)
    expect(shown.body).toMatchObject({ seatsInUse: 2, policyVersion: 1 })
    expect(shown.body.devices.map((d: { deviceId: string }) => d.deviceId).sort()).toEqual(
      [one.device.id, two.device.id].sort(),
    )
    expect(shown.body.leases.map((l: { jti: string }) => l.jti)).toContain(one.verified.lease.jti)
    expect(shown.body.devices[0]).toMatchObject({
      status: 'active',
      fingerprintComponents: 5,
      deactivatedAt: null,
    })
    expect(shown.body.devices[0]).not.toHaveProperty('publicJwk')

    // A full license: releasing a seat lets a new device in; the released device's lease is published.
    expect((await activate(fx, sold.product, sold.key).catch((e: Error) => e.message)) as string).toContain(
      'SEATS_EXHAUSTED',
    )
    const released = await fx.post(`/v1/admin/licenses/${sold.license}/devices/${one.device.id}/release`)
    expect(released.status, JSON.stringify(released.body)).toBe(200)
    expect(released.body.device.status).toBe('deactivated')
    expect(released.body.revocations.map((r: { targetId: string }) => r.targetId)).toContain(
      one.verified.lease.jti,
    )
    const three = await activate(fx, sold.product, sold.key)

    // Lease revocation: that lease is refused at renewal, with a signed status receipt.
    const lease = await fx.post(`/v1/admin/leases/${three.verified.lease.jti}/revoke`, {
      reason: 'copied store',
    })
    expect(lease.status).toBe(200)
    expect(lease.body.revocation).toMatchObject({
      kind: 'lease',
      targetId: three.verified.lease.jti,
      reason: 'copied store',
    })
    const renewLease = await deviceCall(fx, three.device, '/v1/renew', {
      product: sold.product,
      license: sold.license,
      lease: three.verified.lease.jti,
    })
    expect([renewLease.status, renewLease.body.code]).toEqual([403, 'LEASE_REVOKED'])
    expect((await fx.post('/v1/admin/leases/lea_nope/revoke', { reason: 'x' })).status).toBe(404)

    // Device revocation (idempotent): the device is locked out.
    const dev = await fx.post(`/v1/admin/licenses/${sold.license}/devices/${two.device.id}/revoke`, {
      reason: 'stolen',
    })
    expect(dev.body.revocation).toMatchObject({ kind: 'device', targetId: two.device.id, reason: 'stolen' })
    const again = await fx.post(`/v1/admin/licenses/${sold.license}/devices/${two.device.id}/revoke`, {
      reason: 'stolen',
    })
    expect(again.body.revocation.seq).toBe(dev.body.revocation.seq)
    const renewTwo = await deviceCall(fx, two.device, '/v1/renew', {
      product: sold.product,
      license: sold.license,
    })
    expect(renewTwo.body.code).toBe('DEVICE_REVOKED')
    const unknown = await fx.post(
      `/v1/admin/licenses/${sold.license}/devices/${new TestDevice().id}/revoke`,
      { reason: 'x' },
    )
    expect([unknown.status, unknown.body.code]).toEqual([404, 'DEVICE_NOT_FOUND'])
    expect((await fx.post(`/v1/admin/licenses/lic_nope/devices/${two.device.id}/release`)).body.code).toBe(
      'LICENSE_NOT_FOUND',
    )
    const badReason = await fx.post(`/v1/admin/licenses/${sold.license}/revoke`, {
      reason: 'mail jane@example.com',
    })
    expect(badReason.status).toBe(400)

    // License revocation: every device of it is refused, and the published list names it.
    const lic = await fx.post(`/v1/admin/licenses/${sold.license}/revoke`, { reason: 'chargeback' })
    expect(lic.body.revocation).toMatchObject({
      kind: 'license',
      targetId: sold.license,
      reason: 'chargeback',
    })
    const renewThree = await deviceCall(fx, three.device, '/v1/renew', {
      product: sold.product,
      license: sold.license,
    })
    expect(renewThree.body.code).toBe('LICENSE_REVOKED')
    expect((await fx.get(`/v1/admin/licenses/${sold.license}`)).body).toMatchObject({
      status: 'revoked',
      revokedReason: 'chargeback',
    })
    const metrics = await call(fx.srv.url, 'GET', '/metrics')
    expect(metrics.body).toMatch(/tessera_revocations_total\{kind="license"\} [1-9]/)
    expect(metrics.body).toMatch(/tessera_revocations_total\{kind="device"\} [1-9]/)
    expect(metrics.body).toMatch(/tessera_revocations_total\{kind="lease"\} [1-9]/)
    const audit = await fx.get('/v1/admin/audit?limit=1000')
    const actions = audit.body.rows
      .filter((r: { target: string }) => r.target === sold.license)
      .map((r: { action: string }) => r.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'license.create',
        'device.release',
        'lease.revoke',
        'device.revoke',
        'license.revoke',
      ]),
    )
  })
})
