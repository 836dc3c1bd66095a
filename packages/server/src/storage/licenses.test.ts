import { describe, expect, it } from 'vitest'
import { isStorageError } from './errors.js'
import { dialects, fixture, useStorage } from './test-support/databases.js'
import { seedLicense, T0, uid } from './test-support/seed.js'

describe.each(dialects)('licenses and revocations on %s', (dialect) => {
  const ctx = useStorage(dialect)

  it('creates a license with defaults and finds it by id and key hash', async () => {
    const { s } = ctx
    const license = await seedLicense(s, { expiresAt: T0 + 365 * 86_400 })
    expect(license).toMatchObject({
      status: 'active',
      revokedReason: null,
      transfersUsed: 0,
      lastTransferAt: null,
      features: ['a', 'b'],
      expiresAt: T0 + 365 * 86_400,
    })
    expect(await s.getLicense(license.id)).toEqual(license)
    expect(await s.findLicenseByKeyHash(license.keyHash)).toEqual(license)
    expect(await s.getLicense('lic_missing')).toBeUndefined()
    expect(await s.findLicenseByKeyHash('nope')).toBeUndefined()
  })

  it('rejects a duplicate id and an unknown product or policy', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const dupId = await seedLicense(s, { id: license.id, productId: license.productId }).catch((e) => e)
    expect(isStorageError(dupId, 'STORAGE_CONFLICT')).toBe(true)
    const { status: _, revokedReason: _r, transfersUsed: _t, lastTransferAt: _l, ...input } = license
    const badPolicy = await s
      .createLicense({ ...input, id: uid('lic'), keyHash: uid('h'), policyId: 'pol_missing' })
      .catch((e) => e)
    expect(isStorageError(badPolicy, 'STORAGE_NOT_FOUND')).toBe(true)
  })

  it('lists and counts by product, status, owner and id prefix, newest first, with limit/offset', async () => {
    const { s } = ctx
    const first = await seedLicense(s, { ownerRef: 'acct_a', createdAt: T0 })
    const productId = first.productId
    const policyId = first.policyId
    const second = await seedLicense(s, {
      productId,
      policyId,
      ownerRef: 'acct_b',
      createdAt: T0 + 10,
      id: 'lic_Zq1',
    })
    const third = await seedLicense(s, {
      productId,
      policyId,
      ownerRef: 'acct_a',
      createdAt: T0 + 20,
      id: 'lic_zq2',
    })
    await s.setLicenseStatus(third.id, 'suspended')
    const ids = async (q: Parameters<typeof s.listLicenses>[0]) => (await s.listLicenses(q)).map((l) => l.id)
    expect(await ids({ productId })).toEqual([third.id, second.id, first.id])
    expect(await ids({ productId, status: 'active' })).toEqual([second.id, first.id])
    expect(await ids({ productId, ownerRef: 'acct_a' })).toEqual([third.id, first.id])
    expect(await ids({ productId, idPrefix: 'lic_z' })).toEqual([third.id]) // case-sensitive on both dialects
    expect(await ids({ productId, idPrefix: 'lic_' })).toHaveLength(3)
    expect(await ids({ productId, idPrefix: '%' })).toEqual([]) // no LIKE wildcards
    expect(await ids({ productId, limit: 1, offset: 1 })).toEqual([second.id])
    expect(await s.countLicenses({ productId })).toBe(3)
    expect(await s.countLicenses({ productId, status: 'suspended' })).toBe(1)
    expect(await s.countLicenses()).toBeGreaterThanOrEqual(3)
    expect((await s.listLicenses()).length).toBeGreaterThanOrEqual(3)
  })

  it('updates mutable fields and suspends / reactivates', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const updated = await s.updateLicense(license.id, {
      seats: 10,
      features: ['a'],
      expiresAt: T0 + 1,
      edition: 'team',
      ownerRef: 'acct_9',
    })
    expect(updated).toEqual({
      ...license,
      seats: 10,
      features: ['a'],
      expiresAt: T0 + 1,
      edition: 'team',
      ownerRef: 'acct_9',
    })
    expect(await s.updateLicense(license.id, { expiresAt: null })).toMatchObject({ expiresAt: null })
    expect(await s.updateLicense(license.id, {})).toMatchObject({ id: license.id })
    expect((await s.setLicenseStatus(license.id, 'suspended')).status).toBe('suspended')
    expect((await s.setLicenseStatus(license.id, 'active')).status).toBe('active')
    const missing = await s.updateLicense('lic_missing', { seats: 1 }).catch((e) => e)
    expect(isStorageError(missing, 'STORAGE_NOT_FOUND')).toBe(true)
    const missing2 = await s.setLicenseStatus('lic_missing', 'active').catch((e) => e)
    expect(isStorageError(missing2, 'STORAGE_NOT_FOUND')).toBe(true)
  })

  it('revokes a license once, publishes it, and refuses to reactivate it', async () => {
    const { s } = ctx
    const license = await seedLicense(s)
    const rev = await s.revokeLicense({ licenseId: license.id, reason: 'chargeback', now: T0 + 50 })
    expect(rev).toMatchObject({
      kind: 'license',
      targetId: license.id,
      licenseId: license.id,
      productId: license.productId,
      reason: 'chargeback',
      createdAt: T0 + 50,
    })
    expect(await s.getLicense(license.id)).toMatchObject({ status: 'revoked', revokedReason: 'chargeback' })
    expect(await s.revokeLicense({ licenseId: license.id, reason: 'again', now: T0 + 60 })).toEqual(rev)
    const reactivate = await s.setLicenseStatus(license.id, 'active').catch((e) => e)
    expect(isStorageError(reactivate, 'STORAGE_CONFLICT')).toBe(true)
    const missing = await s.revokeLicense({ licenseId: 'lic_missing', reason: 'x', now: T0 }).catch((e) => e)
    expect(isStorageError(missing, 'STORAGE_NOT_FOUND')).toBe(true)
  })
})

describe.each(dialects)('the revocation list on %s', (dialect) => {
  it('numbers entries 1, 2, 3… globally and serves deltas per product', async () => {
    const fx = await fixture(dialect)
    try {
      const s = await fx.open()
      expect(await s.latestRevocationSeq()).toBe(0)
      expect(await s.listRevocations()).toEqual([])
      const a1 = await seedLicense(s)
      const a2 = await seedLicense(s, { productId: a1.productId, policyId: a1.policyId })
      const b1 = await seedLicense(s)
      const r1 = await s.revokeLicense({ licenseId: a1.id, reason: 'r', now: T0 })
      const r2 = await s.revokeLicense({ licenseId: b1.id, reason: 'r', now: T0 })
      const r3 = await s.revokeLicense({ licenseId: a2.id, reason: 'r', now: T0 })
      expect([r1.seq, r2.seq, r3.seq]).toEqual([1, 2, 3])
      expect(await s.latestRevocationSeq()).toBe(3)
      expect(await s.latestRevocationSeq(a1.productId)).toBe(3)
      expect(await s.latestRevocationSeq(b1.productId)).toBe(2)
      expect(await s.latestRevocationSeq('prd_none')).toBe(0)
      expect(await s.listRevocations({ productId: a1.productId })).toEqual([r1, r3])
      expect(await s.listRevocations({ productId: a1.productId, sinceSeq: 1 })).toEqual([r3])
      expect(await s.listRevocations({ sinceSeq: 1, limit: 1 })).toEqual([r2])
      expect(await s.getRevocation('license', a2.id, a2.id)).toEqual(r3)
      expect(await s.getRevocation('device', a2.id, a2.id)).toBeUndefined()
      expect(await s.getRevocation('license', a1.id, a2.id)).toBeUndefined()
    } finally {
      await fx.cleanup()
    }
  })

  it('hands out unique, gap-free seqs to concurrent revocations from two instances', async () => {
    const fx = await fixture(dialect)
    try {
      const [s, t] = [await fx.open(), await fx.open()]
      const first = await seedLicense(s)
      const licenses = [first]
      for (let i = 0; i < 19; i++)
        licenses.push(await seedLicense(s, { productId: first.productId, policyId: first.policyId }))
      const revs = await Promise.all(
        licenses.map((l, i) => (i % 2 ? t : s).revokeLicense({ licenseId: l.id, reason: 'bulk', now: T0 })),
      )
      expect(revs.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      )
    } finally {
      await fx.cleanup()
    }
  })
})
