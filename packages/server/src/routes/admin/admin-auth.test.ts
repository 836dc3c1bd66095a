import { describe, expect, it } from 'vitest'
import { call, TEST_DIALECTS, useAdminServer } from './test-support/admin-harness.js'

type Scope = 'read' | 'write' | 'revoke' | 'admin'

/** Every operator endpoint, its scope, and a body that is valid but for one unknown member. */
const ENDPOINTS: { method: 'GET' | 'POST'; path: string; scope: Scope; body?: object }[] = [
  {
    method: 'POST',
    path: '/v1/admin/products',
    scope: 'write',
    body: { id: 'p', name: 'P', features: [], essential: [] },
  },
  { method: 'GET', path: '/v1/admin/products', scope: 'read' },
  { method: 'GET', path: '/v1/admin/products/demo', scope: 'read' },
  {
    method: 'POST',
    path: '/v1/admin/products/demo/editions',
    scope: 'write',
    body: { id: 'e', features: [] },
  },
  {
    method: 'POST',
    path: '/v1/admin/policies',
    scope: 'write',
    body: { product: 'demo', name: 'n', params: {} },
  },
  { method: 'POST', path: '/v1/admin/policies/pol_x/versions', scope: 'write', body: { params: {} } },
  { method: 'GET', path: '/v1/admin/policies', scope: 'read' },
  { method: 'GET', path: '/v1/admin/policies/pol_x', scope: 'read' },
  {
    method: 'POST',
    path: '/v1/admin/policies/pol_x/rollout',
    scope: 'write',
    body: { version: 2, percent: 10 },
  },
  { method: 'POST', path: '/v1/admin/policies/pol_x/rollback', scope: 'write', body: {} },
  { method: 'POST', path: '/v1/admin/licenses', scope: 'write', body: { product: 'demo', policy: 'pol_x' } },
  { method: 'GET', path: '/v1/admin/licenses', scope: 'read' },
  { method: 'GET', path: '/v1/admin/licenses/lic_x', scope: 'read' },
  { method: 'POST', path: '/v1/admin/licenses/lic_x/revoke', scope: 'revoke', body: { reason: 'r' } },
  {
    method: 'POST',
    path: '/v1/admin/licenses/lic_x/devices/dev_x/revoke',
    scope: 'revoke',
    body: { reason: 'r' },
  },
  { method: 'POST', path: '/v1/admin/licenses/lic_x/devices/dev_x/release', scope: 'write', body: {} },
  { method: 'POST', path: '/v1/admin/leases/lea_x/revoke', scope: 'revoke', body: { reason: 'r' } },
  { method: 'GET', path: '/v1/admin/audit', scope: 'read' },
  { method: 'GET', path: '/v1/admin/audit/verify', scope: 'read' },
  { method: 'GET', path: '/v1/admin/stats', scope: 'read' },
  { method: 'POST', path: '/v1/admin/offline/respond', scope: 'write', body: { request: 'a.b.c' } },
  { method: 'POST', path: '/v1/admin/keys/rotate', scope: 'admin', body: {} },
  { method: 'POST', path: '/v1/admin/keysets', scope: 'admin', body: { keyset: 'a.b.c' } },
  { method: 'POST', path: '/v1/admin/tokens', scope: 'admin', body: { label: 'l', scopes: ['read'] } },
  { method: 'GET', path: '/v1/admin/tokens', scope: 'admin' },
  { method: 'POST', path: '/v1/admin/tokens/adm_x/revoke', scope: 'admin', body: {} },
]

/** Tokens that lack the scope: `write` implies `read`, `admin` implies everything. */
const LACKING: Record<Scope, Scope[]> = {
  read: ['revoke'],
  write: ['read', 'revoke'],
  revoke: ['read', 'write'],
  admin: ['read', 'write', 'revoke'],
}

describe.each(TEST_DIALECTS)('operator authentication and strict schemas on %s', (dialect) => {
  const fx = useAdminServer(dialect)

  it('answers 401 without a token, with a malformed, unknown or revoked one', async () => {
    const created = await fx.post('/v1/admin/tokens', { label: 'to revoke', scopes: ['admin'] })
    const revoked = created.body.token as string
    expect((await fx.post(`/v1/admin/tokens/${created.body.id}/revoke`)).status).toBe(200)
    for (const e of ENDPOINTS) {
      const variants: Record<string, string>[] = [
        {},
        { authorization: 'Basic abc' },
        { authorization: 'Bearer tsa_unknown' },
        { authorization: `Bearer ${revoked}` },
      ]
      for (const headers of variants) {
        const res = await call(fx.srv.url, e.method, e.path, { headers, ...(e.body ? { body: e.body } : {}) })
        expect([res.status, res.body.code], `${e.method} ${e.path}`).toEqual([401, 'UNAUTHORIZED'])
        expect(res.type).toContain('application/problem+json')
      }
    }
  })

  it('answers 403 FORBIDDEN_SCOPE to a token without the scope, before looking at the body', async () => {
    const tokens = new Map<Scope, string>()
    for (const scope of ['read', 'write', 'revoke'] as const) tokens.set(scope, await fx.tokenWith(scope))
    const readWriteRevoke = await fx.tokenWith('read', 'write', 'revoke')
    for (const e of ENDPOINTS) {
      for (const lacking of LACKING[e.scope]) {
        const token = e.scope === 'admin' && lacking === 'revoke' ? readWriteRevoke : tokens.get(lacking)!
        const res = await call(fx.srv.url, e.method, e.path, {
          token,
          ...(e.method === 'POST' ? { body: { junk: true } } : {}),
        })
        expect([res.status, res.body.code], `${e.method} ${e.path} with ${lacking}`).toEqual([
          403,
          'FORBIDDEN_SCOPE',
        ])
      }
    }
    // write implies read.
    expect((await fx.get('/v1/admin/licenses', tokens.get('write'))).status).toBe(200)
  })

  it('refuses unknown fields in every body and query with 400 VALIDATION_FAILED', async () => {
    for (const e of ENDPOINTS) {
      const res =
        e.method === 'POST'
          ? await fx.post(e.path, { ...e.body, unexpected: 1 })
          : await fx.get(`${e.path}?unexpected=1`)
      expect([res.status, res.body.code], `${e.method} ${e.path}`).toEqual([400, 'VALIDATION_FAILED'])
    }
    const junk = await call(fx.srv.url, 'POST', '/v1/admin/products', { token: fx.token, raw: '{"id":' })
    expect([junk.status, junk.body.code]).toEqual([400, 'MALFORMED_JSON'])
  })

  it('documents every operator route in the OpenAPI document, with the bearer scheme', async () => {
    const doc = (await call(fx.srv.url, 'GET', '/openapi.json')).body
    for (const e of ENDPOINTS) {
      const path = e.path.replace(/\/(demo|pol_x|lic_x|dev_x|lea_x|adm_x)(?=\/|$)/g, (_m, seg: string) => {
        const name = { demo: 'id', pol_x: 'id', lic_x: 'id', dev_x: 'device', lea_x: 'jti', adm_x: 'id' }[seg]
        return `/{${name}}`
      })
      const op = doc.paths[path]?.[e.method.toLowerCase()]
      expect(op, `${e.method} ${path}`).toBeDefined()
      expect(op.security).toEqual([{ admin: [] }])
    }
  })
})
