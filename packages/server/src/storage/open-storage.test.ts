import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { isStorageError, StorageError } from './errors.js'
import { openStorage } from './open-storage.js'
import type { Storage } from './storage.js'
import { dialects, type fixture, freshDatabase, useStorage } from './test-support/databases.js'
import { seedLicense, T0, uid } from './test-support/seed.js'

describe.each(dialects)('openStorage on %s', (dialect) => {
  const ctx = useStorage(dialect)
  let fx: Awaited<ReturnType<typeof fixture>>
  let s: Storage
  beforeEach(() => {
    ;({ fx, s } = ctx)
  })

  it('reports its dialect', () => {
    expect(s.dialect).toBe(dialect)
  })

  it('runs migrations idempotently: reopening keeps data and applies nothing twice', async () => {
    const license = await seedLicense(s)
    const again = await fx.open()
    expect(await again.getLicense(license.id)).toEqual(license)
  })

  it('lets several openers migrate the same fresh database at once', async () => {
    const db = await freshDatabase(dialect)
    try {
      const all = await Promise.all([openStorage(db.url), openStorage(db.url), openStorage(db.url)])
      await all[0]!.createProduct({ id: 'p', name: 'P', features: [], essential: [], createdAt: T0 })
      expect(await all[2]!.getProduct('p')).toBeDefined()
      await Promise.all(all.map((x) => x.close()))
    } finally {
      await db.cleanup()
    }
  })

  it('maps unique violations to STORAGE_CONFLICT without leaking values', async () => {
    const license = await seedLicense(s, { keyHash: 'secret-hash-value' })
    const err = await seedLicense(s, { keyHash: license.keyHash, productId: license.productId }).catch(
      (e) => e,
    )
    expect(isStorageError(err, 'STORAGE_CONFLICT')).toBe(true)
    expect(err.message).not.toContain('secret-hash-value')
  })

  it('maps a missing referenced row to STORAGE_NOT_FOUND and check failures to STORAGE_INVALID', async () => {
    const err = await s
      .createPolicy({ id: 'x', productId: 'missing', name: 'n', createdAt: T0 })
      .catch((e) => e)
    expect(isStorageError(err, 'STORAGE_NOT_FOUND')).toBe(true)
    const license = await seedLicense(s)
    const bad = await s.updateLicense(license.id, { seats: -1 }).catch((e) => e)
    expect(isStorageError(bad, 'STORAGE_INVALID')).toBe(true)
  })

  it('commits transaction() as a whole and rolls it back on error, rethrowing the caller error as is', async () => {
    const id = uid('prd')
    const product = { id, name: 'P', features: [], essential: [], createdAt: T0 }
    await s.transaction(async (tx) => {
      await tx.createProduct(product)
      await tx.transaction((inner) => inner.putEdition({ productId: id, id: 'pro', features: ['x'] }))
    })
    expect(await s.listEditions(id)).toHaveLength(1)
    const boom = new Error('boom')
    const err = await s
      .transaction(async (tx) => {
        await tx.createProduct({ ...product, id: `${id}-2` })
        throw boom
      })
      .catch((e) => e)
    expect(err).toBe(boom)
    expect(await s.getProduct(`${id}-2`)).toBeUndefined()
  })

  it('throws STORAGE_MISUSE instead of deadlocking when the outer storage is used inside its transaction', async () => {
    const err = await s.transaction(async () => s.listProducts()).catch((e) => e)
    expect(isStorageError(err, 'STORAGE_MISUSE')).toBe(true)
    const closeTx = await s.transaction((tx) => tx.close()).catch((e) => e)
    expect(isStorageError(closeTx, 'STORAGE_MISUSE')).toBe(true)
  })

  it('fails with STORAGE_UNAVAILABLE after close()', async () => {
    const other = await fx.open()
    await other.close()
    await other.close()
    const err = await other.listProducts().catch((e) => e)
    expect(isStorageError(err, 'STORAGE_UNAVAILABLE')).toBe(true)
    expect(err).toBeInstanceOf(StorageError)
  })
})

describe('openStorage failures', () => {
  it('reports STORAGE_UNAVAILABLE, quickly and without the password, when PostgreSQL cannot be reached', async () => {
    const started = Date.now()
    const err = await openStorage('postgres://tessera:hunter2@127.0.0.1:1/tessera').catch((e) => e)
    expect(err).toBeInstanceOf(StorageError)
    expect(err.code).toBe('STORAGE_UNAVAILABLE')
    expect(err.retryable).toBe(true)
    expect(err.message).not.toContain('hunter2')
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('reports a StorageError for a SQLite path that cannot be opened', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-storage-'))
    try {
      await writeFile(join(dir, 'plain-file'), '')
      const err = await openStorage(join(dir, 'plain-file', 'tessera.db')).catch((e) => e)
      expect(err).toBeInstanceOf(StorageError)
      const notDb = join(dir, 'not-a-database.db')
      await writeFile(notDb, 'this is not a SQLite file, just text long enough to be read as a header...')
      const err2 = await openStorage(notDb).catch((e) => e)
      expect(err2).toBeInstanceOf(StorageError)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('accepts postgresql:// and :memory:', async () => {
    const mem = await openStorage(':memory:')
    expect(mem.dialect).toBe('sqlite')
    await mem.close()
    const db = await freshDatabase('postgres')
    try {
      const pgStorage = await openStorage(db.url.replace('postgres://', 'postgresql://'))
      expect(pgStorage.dialect).toBe('postgres')
      await pgStorage.close()
    } finally {
      await db.cleanup()
    }
  })
})
