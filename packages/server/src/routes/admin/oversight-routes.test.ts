import { describe, expect, it } from 'vitest'
import { call, sellLicense, sqlExec, TEST_DIALECTS, useAdminServer } from './test-support/admin-harness.js'

describe.each(TEST_DIALECTS)('operator tokens and audit log on %s', (dialect) => {
  const fx = useAdminServer(dialect)

  it('creates tokens shown once, lists them without secrets, revokes them (never the last admin)', async () => {
    const created = await fx.post('/v1/admin/tokens', { label: 'support desk', scopes: ['read', 'revoke'] })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^adm_/),
      token: expect.stringMatching(/^tsa_/),
    })
    expect(created.body.scopes).toEqual(['read', 'revoke'])
    const support = created.body.token as string
    expect((await fx.get('/v1/admin/licenses', support)).status).toBe(200)
    expect(
      (await fx.post('/v1/admin/products', { id: 'x', name: 'x', features: [], essential: [] }, support))
        .status,
    ).toBe(403)

    const listed = await fx.get('/v1/admin/tokens')
    const text = JSON.stringify(listed.body)
    expect(text).not.toContain(support)
    expect(text).not.toContain('tokenHash')
    expect(listed.body.tokens).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: created.body.id, label: 'support desk', revokedAt: null }),
      ]),
    )
    const refused = [
      { label: 'x', scopes: [] },
      { label: 'x', scopes: ['root'] },
      { label: 'x', scopes: ['read', 'read'] },
      { label: 'a@b.c', scopes: ['read'] },
    ]
    for (const bad of refused) {
      expect((await fx.post('/v1/admin/tokens', bad)).status).toBe(400)
    }

    const revoked = await fx.post(`/v1/admin/tokens/${created.body.id}/revoke`)
    expect(revoked.body).toMatchObject({ id: created.body.id, revokedAt: expect.any(Number) })
    expect((await fx.get('/v1/admin/licenses', support)).status).toBe(401)
    expect((await fx.post('/v1/admin/tokens/adm_nope/revoke')).status).toBe(404)

    // Another admin can revoke the initial one; the last admin token cannot be revoked.
    const second = await fx.post('/v1/admin/tokens', { label: 'ops', scopes: ['admin'] })
    const initialId = listed.body.tokens.find((t: { label: string }) => t.label === 'initial').id
    expect((await fx.post(`/v1/admin/tokens/${initialId}/revoke`, {}, second.body.token)).status).toBe(200)
    const last = await fx.post(`/v1/admin/tokens/${second.body.id}/revoke`, {}, second.body.token)
    expect([last.status, last.body.code]).toEqual([409, 'CONFLICT'])
    fx.token = second.body.token
  })

  it('audits every operator change with the token id as actor, never the token or the license key', async () => {
    const operator = await fx.post('/v1/admin/tokens', { label: 'seller', scopes: ['write'] })
    const sold = await sellLicense({ ...fx, post: (p, b) => fx.post(p, b, operator.body.token) })
    const rows = (await fx.get('/v1/admin/audit?limit=1000')).body.rows as {
      actor: string
      action: string
      target: string
    }[]
    const mine = rows.filter((r) => r.actor === operator.body.id)
    expect(mine.map((r) => r.action)).toEqual(['product.create', 'policy.create', 'license.create'])
    const text = JSON.stringify(rows)
    expect(text).not.toContain(operator.body.token)
    expect(text).not.toContain(sold.key)
    // Paging: `next` continues after the last row of a full page.
    const page = await fx.get('/v1/admin/audit?after=0&limit=2')
    expect(page.body.rows.map((r: { seq: number }) => r.seq)).toEqual([1, 2])
    expect(page.body.next).toBe(2)
    expect((await fx.get(`/v1/admin/audit?after=${page.body.next}&limit=1`)).body.rows[0].seq).toBe(3)
  })

  it('verifies the chain, then detects an edited row and a deleted row (edited behind the server)', async () => {
    await sellLicense(fx)
    const ok = await fx.get('/v1/admin/audit/verify')
    expect(ok.body.ok).toBe(true)
    expect(ok.body.rows).toBeGreaterThan(5)
    const [row] = (await fx.get('/v1/admin/audit?after=2&limit=1')).body.rows
    expect(row.seq).toBe(3)

    expect(
      await sqlExec(fx.srv, 'update audit_log set action = $1 where seq = $2', ['token.revoke', 3]),
    ).toBe(1)
    const edited = await fx.get('/v1/admin/audit/verify')
    expect(edited.body).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'hash_mismatch' })
    await sqlExec(fx.srv, 'update audit_log set action = $1 where seq = $2', [row.action, 3])
    expect((await fx.get('/v1/admin/audit/verify')).body.ok).toBe(true)

    const [fourth] = (await fx.get('/v1/admin/audit?after=3&limit=1')).body.rows
    expect(await sqlExec(fx.srv, 'delete from audit_log where seq = $1', [4])).toBe(1)
    const deleted = await fx.get('/v1/admin/audit/verify')
    expect(deleted.body).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'gap' })
    const r = fourth
    const values = [r.seq, r.at, r.actor, r.action, r.target, JSON.stringify(r.data), r.prevHash, r.hash]
    await sqlExec(
      fx.srv,
      'insert into audit_log (seq, at, actor, action, target, data, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8)',
      values,
    )
    expect((await fx.get('/v1/admin/audit/verify')).body.ok).toBe(true)

    // Deleting the newest rows leaves a consistent chain: the head anchor written with each row catches it.
    const last = (await fx.get('/v1/admin/audit?limit=1000')).body.rows.at(-1).seq
    expect(await sqlExec(fx.srv, 'delete from audit_log where seq = $1', [last])).toBe(1)
    const truncated = await call(fx.srv.url, 'GET', '/v1/admin/audit/verify', { token: fx.token })
    expect(truncated.body).toMatchObject({ ok: false, firstBadSeq: last, problem: 'truncated' })
  })

  it('pages the audit log backwards from the newest row and forwards again, by sequence-number cursors', async () => {
    for (let i = 0; i < 5; i++) await fx.post('/v1/admin/tokens', { label: `pager ${i}`, scopes: ['read'] })
    const all = (await fx.get('/v1/admin/audit?limit=1000')).body.rows as { seq: number }[]
    const seqs = all.map((r) => r.seq)
    const newest = await fx.get('/v1/admin/audit?order=desc&limit=2')
    expect(newest.body.rows.map((r: { seq: number }) => r.seq)).toEqual(seqs.slice(-2).reverse())
    const older = await fx.get(`/v1/admin/audit?order=desc&limit=2&before=${newest.body.next}`)
    expect(older.body.rows.map((r: { seq: number }) => r.seq)).toEqual(seqs.slice(-4, -2).reverse())
    const newer = await fx.get(`/v1/admin/audit?limit=2&after=${older.body.rows[0].seq}`)
    expect(newer.body.rows.map((r: { seq: number }) => r.seq)).toEqual(seqs.slice(-2))
    const window = await fx.get(`/v1/admin/audit?after=${seqs.at(-4)}&before=${seqs.at(-1)}`)
    expect(window.body).toEqual({ rows: all.slice(-3, -1), next: null })
    const bad = await fx.get('/v1/admin/audit?order=sideways')
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED'])
    expect(bad.type).toContain('application/problem+json')
  })
})
