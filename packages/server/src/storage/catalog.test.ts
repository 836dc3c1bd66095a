import { describe, expect, it } from 'vitest'
import { isStorageError } from './errors.js'
import { dialects, useStorage } from './test-support/databases.js'
import { T0, uid } from './test-support/seed.js'

describe.each(dialects)('products and policies on %s', (dialect) => {
  const ctx = useStorage(dialect)

  const product = () => ({
    id: uid('prd'),
    name: 'Editor',
    features: ['edit', 'export'],
    essential: ['edit'],
    createdAt: T0,
  })

  it('creates, reads, lists and updates products (features as string arrays)', async () => {
    const { s } = ctx
    const p = product()
    expect(await s.createProduct(p)).toEqual(p)
    expect(await s.getProduct(p.id)).toEqual(p)
    expect(await s.getProduct('prd_missing')).toBeUndefined()
    expect((await s.listProducts()).map((x) => x.id)).toContain(p.id)
    const updated = await s.updateProduct(p.id, { name: 'Editor 2', features: ['edit', 'export', 'share'] })
    expect(updated).toEqual({ ...p, name: 'Editor 2', features: ['edit', 'export', 'share'] })
    expect(await s.updateProduct(p.id, {})).toEqual(updated)
    const err = await s.updateProduct('prd_missing', { name: 'x' }).catch((e) => e)
    expect(isStorageError(err, 'STORAGE_NOT_FOUND')).toBe(true)
    const dup = await s.createProduct(p).catch((e) => e)
    expect(isStorageError(dup, 'STORAGE_CONFLICT')).toBe(true)
  })

  it('puts (upserts), gets and lists editions', async () => {
    const { s } = ctx
    const p = await s.createProduct(product())
    await s.putEdition({ productId: p.id, id: 'pro', features: ['edit'] })
    await s.putEdition({ productId: p.id, id: 'basic', features: [] })
    await s.putEdition({ productId: p.id, id: 'pro', features: ['edit', 'export'] })
    expect(await s.getEdition(p.id, 'pro')).toEqual({
      productId: p.id,
      id: 'pro',
      features: ['edit', 'export'],
    })
    expect(await s.getEdition(p.id, 'nope')).toBeUndefined()
    expect((await s.listEditions(p.id)).map((e) => e.id)).toEqual(['basic', 'pro'])
    const err = await s.putEdition({ productId: 'prd_missing', id: 'x', features: [] }).catch((e) => e)
    expect(isStorageError(err, 'STORAGE_NOT_FOUND')).toBe(true)
  })

  it('creates policies and appends immutable versions numbered from 1', async () => {
    const { s } = ctx
    const p = await s.createProduct(product())
    const policy = { id: uid('pol'), productId: p.id, name: 'default', createdAt: T0 }
    expect(await s.createPolicy(policy)).toEqual(policy)
    expect(await s.getPolicy(policy.id)).toEqual(policy)
    expect(await s.getPolicy('pol_missing')).toBeUndefined()
    expect(await s.listPolicies(p.id)).toEqual([policy])
    expect((await s.listPolicies()).map((x) => x.id)).toContain(policy.id)
    expect(await s.latestPolicyVersion(policy.id)).toBeUndefined()
    const v1 = await s.createPolicyVersion({
      policyId: policy.id,
      params: { offlineDays: 7, nested: { a: [1] } },
      createdAt: T0,
    })
    const v2 = await s.createPolicyVersion({
      policyId: policy.id,
      params: { offlineDays: 14 },
      createdAt: T0 + 1,
    })
    expect([v1.version, v2.version]).toEqual([1, 2])
    expect(await s.getPolicyVersion(policy.id, 1)).toEqual(v1)
    expect(await s.getPolicyVersion(policy.id, 3)).toBeUndefined()
    expect(await s.latestPolicyVersion(policy.id)).toEqual(v2)
    expect(await s.listPolicyVersions(policy.id)).toEqual([v1, v2])
    const err = await s
      .createPolicyVersion({ policyId: 'pol_missing', params: {}, createdAt: T0 })
      .catch((e) => e)
    expect(isStorageError(err, 'STORAGE_NOT_FOUND')).toBe(true)
  })

  it('assigns distinct, gap-free versions to concurrent creators (two instances)', async () => {
    const { s, fx } = ctx
    const other = await fx.open()
    const p = await s.createProduct(product())
    const policyId = uid('pol')
    await s.createPolicy({ id: policyId, productId: p.id, name: 'x', createdAt: T0 })
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? other : s).createPolicyVersion({ policyId, params: { i }, createdAt: T0 }),
      ),
    )
    expect(created.map((v) => v.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    )
  })

  it('sets, replaces and rolls back the one rollout of a policy', async () => {
    const { s } = ctx
    const p = await s.createProduct(product())
    const policyId = uid('pol')
    await s.createPolicy({ id: policyId, productId: p.id, name: 'x', createdAt: T0 })
    for (const n of [1, 2, 3]) await s.createPolicyVersion({ policyId, params: { n }, createdAt: T0 })
    expect(await s.getRollout(policyId)).toBeUndefined()
    const r1 = await s.setRollout({ policyId, fromVersion: 1, toVersion: 2, percent: 10, updatedAt: T0 })
    expect(r1).toEqual({
      policyId,
      fromVersion: 1,
      toVersion: 2,
      percent: 10,
      state: 'active',
      updatedAt: T0,
    })
    const r2 = await s.setRollout({
      policyId,
      fromVersion: 2,
      toVersion: 3,
      percent: 100,
      state: 'completed',
      updatedAt: T0 + 5,
    })
    expect(await s.getRollout(policyId)).toEqual(r2)
    const back = await s.rollbackRollout(policyId, T0 + 9)
    expect(back).toEqual({ ...r2, state: 'rolled_back', updatedAt: T0 + 9 })
    expect(await s.getRollout(policyId)).toEqual(back)
  })

  it('rejects invalid rollouts: unknown version, percent out of range, no rollout to roll back', async () => {
    const { s } = ctx
    const p = await s.createProduct(product())
    const policyId = uid('pol')
    await s.createPolicy({ id: policyId, productId: p.id, name: 'x', createdAt: T0 })
    await s.createPolicyVersion({ policyId, params: {}, createdAt: T0 })
    const unknown = await s
      .setRollout({ policyId, fromVersion: 1, toVersion: 9, percent: 5, updatedAt: T0 })
      .catch((e) => e)
    expect(isStorageError(unknown, 'STORAGE_NOT_FOUND')).toBe(true)
    const range = await s
      .setRollout({ policyId, fromVersion: 1, toVersion: 1, percent: 101, updatedAt: T0 })
      .catch((e) => e)
    expect(isStorageError(range, 'STORAGE_INVALID')).toBe(true)
    const none = await s.rollbackRollout(policyId, T0).catch((e) => e)
    expect(isStorageError(none, 'STORAGE_NOT_FOUND')).toBe(true)
  })
})
