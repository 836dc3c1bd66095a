import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { AuditHasher } from './admin.js'
import { isStorageError } from './errors.js'
import { dialects, fixture, useStorage } from './test-support/databases.js'
import { T0, uid } from './test-support/seed.js'

const sha256: AuditHasher = (r) => createHash('sha256').update(JSON.stringify(r)).digest('hex')

describe.each(dialects)('admin tokens, settings on %s', (dialect) => {
  const ctx = useStorage(dialect)

  it('creates, finds by hash, lists and revokes admin tokens', async () => {
    const { s } = ctx
    const token = {
      id: uid('adm'),
      tokenHash: uid('h'),
      scopes: ['licenses:write', 'audit:read'],
      label: 'ci',
      createdAt: T0,
    }
    expect(await s.createAdminToken(token)).toEqual({ ...token, revokedAt: null })
    expect(await s.findAdminTokenByHash(token.tokenHash)).toEqual({ ...token, revokedAt: null })
    expect(await s.findAdminTokenByHash('nope')).toBeUndefined()
    expect((await s.listAdminTokens()).map((t) => t.id)).toContain(token.id)
    expect(await s.revokeAdminToken(token.id, T0 + 5)).toMatchObject({ revokedAt: T0 + 5 })
    expect(await s.revokeAdminToken(token.id, T0 + 9)).toMatchObject({ revokedAt: T0 + 5 })
    expect(await s.findAdminTokenByHash(token.tokenHash)).toMatchObject({ revokedAt: T0 + 5 })
    const dup = await s.createAdminToken({ ...token, id: uid('adm') }).catch((e) => e)
    expect(isStorageError(dup, 'STORAGE_CONFLICT')).toBe(true)
    const missing = await s.revokeAdminToken('adm_missing', T0).catch((e) => e)
    expect(isStorageError(missing, 'STORAGE_NOT_FOUND')).toBe(true)
  })

  it('gets, replaces and deletes JSON settings', async () => {
    const { s } = ctx
    const key = uid('k')
    expect(await s.getSetting(key)).toBeUndefined()
    await s.putSetting(key, { a: [1, 'two', null, true], b: { c: 1.5 } })
    expect(await s.getSetting(key)).toEqual({ a: [1, 'two', null, true], b: { c: 1.5 } })
    await s.putSetting(key, 'plain')
    expect(await s.getSetting<string>(key)).toBe('plain')
    await s.deleteSetting(key)
    expect(await s.getSetting(key)).toBeUndefined()
    await s.deleteSetting(key)
  })
})

describe.each(dialects)('key sets and the audit chain on %s', (dialect) => {
  it('stores immutable key set versions and returns the latest', async () => {
    const fx = await fixture(dialect)
    try {
      const s = await fx.open()
      expect(await s.latestKeyset()).toBeUndefined()
      await s.putKeyset({ version: 1, token: 'jws.1', createdAt: T0 })
      await s.putKeyset({ version: 3, token: 'jws.3', createdAt: T0 + 2 })
      await s.putKeyset({ version: 2, token: 'jws.2', createdAt: T0 + 1 })
      expect(await s.latestKeyset()).toEqual({ version: 3, token: 'jws.3', createdAt: T0 + 2 })
      expect(await s.getKeyset(2)).toEqual({ version: 2, token: 'jws.2', createdAt: T0 + 1 })
      expect(await s.getKeyset(9)).toBeUndefined()
      const dup = await s.putKeyset({ version: 2, token: 'other', createdAt: T0 }).catch((e) => e)
      expect(isStorageError(dup, 'STORAGE_CONFLICT')).toBe(true)
    } finally {
      await fx.cleanup()
    }
  })

  it('appends hash-chained audit rows and pages through them', async () => {
    const fx = await fixture(dialect)
    try {
      const s = await fx.open()
      expect(await s.listAudit()).toEqual([])
      const first = await s.appendAudit(
        { at: T0, actor: 'tok_1', action: 'product.create', target: 'prd_1', data: { name: 'x' } },
        sha256,
      )
      expect(first).toMatchObject({ seq: 1, prevHash: null })
      const asyncHasher: AuditHasher = async (r) => sha256(r)
      const second = await s.appendAudit(
        { at: T0 + 1, actor: 'system', action: 'keyset.rotate', target: 'ks_2', data: {} },
        asyncHasher,
      )
      expect(second).toMatchObject({ seq: 2, prevHash: first.hash })
      const third = await s.appendAudit(
        { at: T0 + 2, actor: 'tok_1', action: 'license.revoke', target: 'lic_1', data: { reason: 'r' } },
        sha256,
      )
      expect(await s.listAudit()).toEqual([first, second, third])
      expect(await s.listAudit({ afterSeq: 1, limit: 1 })).toEqual([second])
      // Backwards from a cursor, newest first, and a window between two cursors.
      expect(await s.listAudit({ order: 'desc', limit: 2 })).toEqual([third, second])
      expect(await s.listAudit({ beforeSeq: 3, order: 'desc', limit: 1 })).toEqual([second])
      expect(await s.listAudit({ afterSeq: 1, beforeSeq: 3 })).toEqual([second])
      const failing = await s
        .appendAudit({ at: T0, actor: 'a', action: 'b', target: 'c', data: {} }, () => {
          throw new Error('hsm down')
        })
        .catch((e) => e)
      expect(failing).toBeInstanceOf(Error)
      expect(
        (await s.appendAudit({ at: T0 + 3, actor: 'a', action: 'b', target: 'c', data: {} }, sha256)).seq,
      ).toBe(4)
    } finally {
      await fx.cleanup()
    }
  })
})
