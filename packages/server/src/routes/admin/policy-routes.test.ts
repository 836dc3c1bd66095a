import { describe, expect, it } from 'vitest'
import { cohortBucket } from '../../services/policy-resolution.js'
import {
  activate,
  call,
  DAY,
  deviceCall,
  POLICY,
  sellLicense,
  TEST_DIALECTS,
  uniq,
  useAdminServer,
} from './test-support/admin-harness.js'

describe.each(TEST_DIALECTS)('operator catalog and policies on %s', (dialect) => {
  const fx = useAdminServer(dialect)

  it('creates, lists and shows products and editions; refuses duplicates, strangers and unknown fields', async () => {
    const id = uniq('prd')
    const product = { id, name: 'Editor', features: ['view', 'edit', 'export'], essential: ['view'] }
    const created = await fx.post('/v1/admin/products', product)
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({ ...product, createdAt: expect.any(Number) })
    expect((await fx.post('/v1/admin/products', product)).body.code).toBe('CONFLICT')
    const bad = await fx.post('/v1/admin/products', { ...product, id: uniq('prd'), essential: ['nope'] })
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED'])
    const extra = await fx.post('/v1/admin/products', { ...product, id: uniq('prd'), price: 5 })
    expect([extra.status, extra.body.code]).toEqual([400, 'VALIDATION_FAILED'])
    expect(extra.type).toContain('application/problem+json')

    const edition = await fx.post(`/v1/admin/products/${id}/editions`, {
      id: 'pro',
      features: ['view', 'edit'],
    })
    expect(edition.status).toBe(201)
    expect(edition.body).toEqual({ productId: id, id: 'pro', features: ['view', 'edit'] })
    expect((await fx.post(`/v1/admin/products/${id}/editions`, { id: 'pro', features: [] })).status).toBe(409)
    expect((await fx.post(`/v1/admin/products/${id}/editions`, { id: 'x', features: ['fly'] })).status).toBe(
      400,
    )
    const missing = await fx.post('/v1/admin/products/nope/editions', { id: 'x', features: [] })
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND'])

    const list = await fx.get('/v1/admin/products')
    expect(list.body.products.map((p: { id: string }) => p.id)).toContain(id)
    const shown = await fx.get(`/v1/admin/products/${id}`)
    expect(shown.body.editions).toEqual([{ productId: id, id: 'pro', features: ['view', 'edit'] }])
    expect((await fx.get('/v1/admin/products/unknown')).status).toBe(404)
  })

  it('creates policies with immutable versions validated by the core rules', async () => {
    const product = uniq('prd')
    await fx.post('/v1/admin/products', { id: product, name: 'P', features: ['a'], essential: [] })
    const created = await fx.post('/v1/admin/policies', { product, name: '7 days', params: POLICY })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^pol_/), version: 1, productId: product })
    const id = created.body.id
    const incoherent = await fx.post('/v1/admin/policies', {
      product,
      name: 'bad',
      params: { ...POLICY, renewAfter: POLICY.offlineWindow },
    })
    expect([incoherent.status, incoherent.body.code]).toEqual([400, 'VALIDATION_FAILED'])
    expect(incoherent.body.detail).toContain('renewAfter')
    const stranger = await fx.post('/v1/admin/policies', {
      product,
      name: 'x',
      params: { ...POLICY, extra: 1 },
    })
    expect(stranger.status).toBe(400)
    expect((await fx.post('/v1/admin/policies', { product: 'nope', name: 'x', params: POLICY })).status).toBe(
      404,
    )

    const v2 = await fx.post(`/v1/admin/policies/${id}/versions`, { params: { ...POLICY, grace: 5 * DAY } })
    expect(v2.status).toBe(201)
    expect(v2.body).toMatchObject({ policyId: id, version: 2, params: { grace: 5 * DAY } })
    expect((await fx.post('/v1/admin/policies/pol_nope/versions', { params: POLICY })).status).toBe(404)

    const shown = await fx.get(`/v1/admin/policies/${id}`)
    expect(shown.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2])
    expect(shown.body.versions[0].params).toEqual(POLICY)
    expect(shown.body.rollout).toBeNull()
    const listed = await fx.get(`/v1/admin/policies?product=${product}`)
    expect(listed.body.policies).toEqual([expect.objectContaining({ id, latestVersion: 2, rollout: null })])
    expect((await fx.get('/v1/admin/policies/pol_nope')).status).toBe(404)
  })

  it('rolls a version out to a deterministic 50 % cohort, and rollback returns it', async () => {
    const sold = await sellLicense(fx)
    const policy = sold.policy
    await fx.post(`/v1/admin/policies/${policy}/versions`, { params: { ...POLICY, grace: 4 * DAY } })
    // Licenses of the same policy (at least six, and both sides of the 50 % cut), one device each.
    const licenses = [{ id: sold.license, key: sold.key }]
    const sides = () => new Set(licenses.map((l) => cohortBucket(policy, l.id) < 50)).size
    while (licenses.length < 6 || sides() < 2) {
      const res = await fx.post('/v1/admin/licenses', { product: sold.product, policy })
      licenses.push({ id: res.body.id, key: res.body.key })
    }
    const devices = await Promise.all(licenses.map((l) => activate(fx, sold.product, l.key)))
    const renewPol = async () =>
      Promise.all(
        licenses.map(async (l, i) => {
          const res = await deviceCall(fx, devices[i]!.device, '/v1/renew', {
            product: sold.product,
            license: l.id,
          })
          expect(res.status, JSON.stringify(res.body)).toBe(200)
          // The lease names no policy: the server's lease record keeps its id and version.
          const lease = JSON.parse(Buffer.from(res.body.bundle.lease.split('.')[1], 'base64url').toString())
          const shown = await fx.get(`/v1/admin/licenses/${l.id}`)
          const record = shown.body.leases.find((r: { jti: string }) => r.jti === lease.jti)
          return `${record.policyId}/${record.policyVersion}`
        }),
      )
    const cohort = licenses.map((l) => cohortBucket(policy, l.id) < 50)

    const rollout = await fx.post(`/v1/admin/policies/${policy}/rollout`, { version: 2, percent: 50 })
    expect(rollout.status, JSON.stringify(rollout.body)).toBe(200)
    expect(rollout.body).toMatchObject({
      policyId: policy,
      fromVersion: 1,
      toVersion: 2,
      percent: 50,
      state: 'active',
    })
    expect(await renewPol()).toEqual(cohort.map((moved) => `${policy}/${moved ? 2 : 1}`))
    const shown = await fx.get(`/v1/admin/policies/${policy}`)
    const moved = cohort.filter(Boolean).length
    expect(shown.body.versions.map((v: { licenses: number }) => v.licenses)).toEqual([
      licenses.length - moved,
      moved,
    ])
    expect(shown.body.rollout).toMatchObject({ toVersion: 2, percent: 50 })

    // Another version while one is in progress: refused; the same version at 50 again: same cohort.
    await fx.post(`/v1/admin/policies/${policy}/versions`, { params: POLICY })
    expect((await fx.post(`/v1/admin/policies/${policy}/rollout`, { version: 3, percent: 10 })).status).toBe(
      409,
    )
    expect((await fx.post(`/v1/admin/policies/${policy}/rollout`, { version: 9, percent: 10 })).status).toBe(
      404,
    )
    expect((await fx.post(`/v1/admin/policies/${policy}/rollout`, { version: 2, percent: 101 })).status).toBe(
      400,
    )
    const incomplete = await fx.post(`/v1/admin/policies/${policy}/rollout`, {
      version: 2,
      percent: 50,
      complete: true,
    })
    expect(incomplete.status).toBe(400)

    const back = await fx.post(`/v1/admin/policies/${policy}/rollback`)
    expect(back.status).toBe(200)
    expect(back.body.state).toBe('rolled_back')
    expect(await renewPol()).toEqual(licenses.map(() => `${policy}/1`))
    // Again, and without any body (curl -X POST): idempotent.
    const bare = await call(fx.srv.url, 'POST', `/v1/admin/policies/${policy}/rollback`, { token: fx.token })
    expect([bare.status, bare.body.state]).toEqual([200, 'rolled_back'])

    const done = await fx.post(`/v1/admin/policies/${policy}/rollout`, {
      version: 2,
      percent: 100,
      complete: true,
    })
    expect(done.body).toMatchObject({ fromVersion: 1, toVersion: 2, state: 'completed' })
    expect(await renewPol()).toEqual(licenses.map(() => `${policy}/2`))
    const same = await fx.post(`/v1/admin/policies/${policy}/rollout`, { version: 2, percent: 10 })
    expect([same.status, same.body.code]).toEqual([409, 'CONFLICT'])
    const next = await fx.post(`/v1/admin/policies/${policy}/rollout`, { version: 3, percent: 20 })
    expect(next.body).toMatchObject({ fromVersion: 2, toVersion: 3, percent: 20, state: 'active' })
    expect((await fx.post('/v1/admin/policies/pol_nope/rollback')).status).toBe(404)
  })
})
