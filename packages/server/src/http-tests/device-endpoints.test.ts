/**
 * Every device and public endpoint over real HTTP, on SQLite and on PostgreSQL: answers verified
 * with core (and the lease with jose through the JWKS, for standard JOSE interop).
 */
import {
  applyRevocationList,
  type RevocationState,
  verifyDeactivationReceipt,
  verifyLease,
  verifyStatusReceipt,
  verifyTimeReceipt,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  activate,
  activated,
  type Cluster,
  createLicense,
  DATABASES,
  expectProblem,
  get,
  keyset,
  nonce,
  postRaw,
  type Reply,
  send,
  signedPost,
  startCluster,
  TestDevice,
  verifiedBundle,
} from './test-support/harness.js'

const now = () => Math.floor(Date.now() / 1000)

describe.each(DATABASES)('device and public endpoints (%s)', (db) => {
  let c: Cluster
  beforeAll(async () => {
    c = await startCluster(db)
  })
  afterAll(async () => c?.stop())

  it('GET /v1/nonce hands out distinct nonces valid for 300 s', async () => {
    const res = await get(c.url, '/v1/nonce')
    expect(res.status).toBe(200)
    expect(res.json.nonce).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect(res.json.expiresAt).toBeGreaterThanOrEqual(now() + 298)
    expect(res.json.expiresAt).toBeLessThanOrEqual(now() + 301)
    expect(await nonce(c.url)).not.toBe(res.json.nonce)
  })

  it('POST /v1/activate returns a bundle that verifies with core and binds the device', async () => {
    const { license, key } = await createLicense(c, { seats: 2 })
    const device = new TestDevice()
    const bundle = await activated(c, device, key)
    expect(bundle.lease).toMatchObject({
      sub: license.id,
      aud: 'demo',
      cnf: { jkt: device.id },
      edn: 'pro',
      fts: ['edit', 'view'],
      ess: ['view'],
      hwf: { k: 3, c: device.fingerprint.join('') },
    })
    // Compact: no format version, issuer, policy nor default fallback in the lease; the server
    // keeps the policy version in its lease record.
    for (const claim of ['v', 'iss', 'pol', 'fbk']) expect(bundle.lease).not.toHaveProperty(claim)
    expect(await c.storage.getLease(bundle.lease.jti)).toMatchObject({
      policyId: c.init.demo.policy,
      policyVersion: 1,
    })
    expect(bundle.lease.ren - bundle.lease.iat).toBe(3 * 86_400)
    expect(bundle.lease.exp - bundle.lease.iat).toBe(7 * 86_400)
    expect(bundle.lease.grc - bundle.lease.exp).toBe(3 * 86_400)
    expect(bundle.status).toMatchObject({ sts: 'good', dev: device.id, lea: bundle.lease.jti })
    expect(bundle.access).toMatchObject({ sub: license.id, pid: 'demo', cnf: { jkt: device.id } })
    // The same device activating again keeps its one seat and gets a fresh lease.
    const again = await activated(c, device, key)
    expect(again.lease.jti).not.toBe(bundle.lease.jti)
    expect(await c.storage.countActiveDevices(license.id)).toBe(1)
    // Claims carry opaque ids only: no owner reference, no personal data.
    expect(JSON.stringify([bundle.lease, bundle.access, bundle.status])).not.toContain('acct_test')
  })

  it('POST /v1/renew returns a fresh bundle for the current lease', async () => {
    const device = new TestDevice()
    const first = await activated(c, device, (await createLicense(c, { seats: 1 })).key)
    const body = { product: 'demo', license: first.lease.sub, lease: first.lease.jti }
    const res = await signedPost(c.url, device, '/v1/renew', body)
    expect(res.status, res.text).toBe(200)
    const renewed = verifiedBundle(c, res.json.bundle)
    expect(renewed.lease.jti).not.toBe(first.lease.jti)
    expect(renewed.lease).toMatchObject({ sub: first.lease.sub, cnf: { jkt: device.id } })
    expect(renewed.lease.iat).toBeGreaterThanOrEqual(first.lease.iat)
    expect(renewed.status).toMatchObject({ sts: 'good', lea: renewed.lease.jti })
    // The lease id is optional.
    const bare = await signedPost(c.url, device, '/v1/renew', { product: 'demo', license: first.lease.sub })
    expect(bare.status, bare.text).toBe(200)
    const leases = await c.storage.listLeases({ licenseId: first.lease.sub, deviceId: device.id })
    expect(leases.map((l) => l.jti)).toEqual(
      expect.arrayContaining([
        first.lease.jti,
        renewed.lease.jti,
        verifiedBundle(c, bare.json.bundle).lease.jti,
      ]),
    )
  })

  it('POST /v1/status (check-in) returns a signed status receipt', async () => {
    const device = new TestDevice()
    const bundle = await activated(c, device, (await createLicense(c, { seats: 1 })).key)
    const res = await signedPost(c.url, device, '/v1/status', {
      product: 'demo',
      license: bundle.lease.sub,
      lease: bundle.lease.jti,
    })
    expect(res.status, res.text).toBe(200)
    const status = verifyStatusReceipt(res.json.status, bundle.keyset, 'demo', nodeCrypto)
    expect(status).toMatchObject({
      sts: 'good',
      sub: bundle.lease.sub,
      dev: device.id,
      lea: bundle.lease.jti,
    })
    expect(Math.abs(status.iat - now())).toBeLessThanOrEqual(2)
    expect(status.rvk).toBeUndefined()
  })

  it('POST /v1/deactivate frees the seat with a signed receipt; the 4th move hits the transfer limit', async () => {
    const { license, key } = await createLicense(c, { seats: 1 })
    let holder = new TestDevice()
    let bundle = await activated(c, holder, key)
    for (let move = 1; move <= 3; move++) {
      const next = new TestDevice()
      expectProblem(await activate(c.url, next, key), 409, 'SEATS_EXHAUSTED')
      const res = await signedPost(c.url, holder, '/v1/deactivate', { product: 'demo', license: license.id })
      expect(res.status, res.text).toBe(200)
      const receipt = verifyDeactivationReceipt(res.json.receipt, bundle.keyset, holder.id, nodeCrypto)
      expect(receipt).toMatchObject({ sub: license.id, aud: 'demo', dev: holder.id, lea: bundle.lease.jti })
      expect(await c.storage.countActiveDevices(license.id)).toBe(0)
      // The old device can no longer renew; a restored copy of its store learns its lease is revoked.
      const stale = await signedPost(c.url, holder, '/v1/renew', { product: 'demo', license: license.id })
      expectProblem(stale, 404, 'DEVICE_NOT_FOUND')
      const check = await signedPost(c.url, holder, '/v1/status', {
        product: 'demo',
        license: license.id,
        lease: bundle.lease.jti,
      })
      expect(check.status, check.text).toBe(200)
      expect(verifyStatusReceipt(check.json.status, bundle.keyset, 'demo', nodeCrypto)).toMatchObject({
        sts: 'revoked',
        rvk: { k: 'lease' },
      })
      // Re-activation on the new device works.
      bundle = await activated(c, next, key)
      holder = next
      expect((await c.storage.getLicense(license.id))?.transfersUsed).toBe(move)
    }
    const fourth = await signedPost(c.url, holder, '/v1/deactivate', { product: 'demo', license: license.id })
    expectProblem(fourth, 409, 'TRANSFER_LIMIT')
    // Refused moves change nothing: the holder keeps its seat and renews.
    const renew = await signedPost(c.url, holder, '/v1/renew', { product: 'demo', license: license.id })
    expect(renew.status, renew.text).toBe(200)
    expect(await c.storage.countActiveDevices(license.id)).toBe(1)
  })

  it('POST /v1/telemetry accepts events once; re-uploads of the same ids are no-ops', async () => {
    const device = new TestDevice()
    const bundle = await activated(c, device, (await createLicense(c, { seats: 1 })).key)
    const t = now()
    const events = [
      { id: 'ev-1', type: 'renewal', at: t - 60, outcome: 'ok' },
      { id: 'ev-2', type: 'offline', at: t - 30, seconds: 7200 },
      { id: 'ev-3', type: 'anomaly', at: t - 10, code: 'CLOCK_ROLLBACK' },
    ]
    const body = { product: 'demo', license: bundle.lease.sub, events }
    const first = await signedPost(c.url, device, '/v1/telemetry', body)
    expect(first.status, first.text).toBe(202)
    expect(first.json).toEqual({ accepted: 3 })
    const again = await signedPost(c.url, device, '/v1/telemetry', body)
    expect(again.status, again.text).toBe(202)
    expect(again.json).toEqual({ accepted: 0 })
    const mixed = await signedPost(c.url, device, '/v1/telemetry', {
      ...body,
      events: [events[0], { id: 'ev-4', type: 'renewal', at: t, outcome: 'offline' }],
    })
    expect(mixed.json).toEqual({ accepted: 1 })
    const empty = await signedPost(c.url, device, '/v1/telemetry', { ...body, events: [] })
    expect(empty.status).toBe(202)
    expect(empty.json).toEqual({ accepted: 0 })
    const counts = await c.storage.countTelemetry({ productId: 'demo', from: t - 60, to: t + 1 })
    expect(counts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'anomaly', count: expect.any(Number) }),
        expect.objectContaining({ type: 'renewal', outcome: 'offline' }),
      ]),
    )
    const metrics = await get(c.url, '/metrics')
    expect(metrics.text).toMatch(/tessera_telemetry_events_total\{type="anomaly"\} [1-9]/)
    expect(metrics.text).toMatch(/tessera_client_offline_duration_seconds_count [1-9]/)
  })

  it('GET /v1/time returns a signed time receipt echoing the nonce', async () => {
    const ks = await keyset(c)
    const res = await get(c.url, '/v1/time?nonce=abc_123')
    expect(res.status, res.text).toBe(200)
    const receipt = verifyTimeReceipt(res.json.receipt, ks, nodeCrypto)
    expect(receipt.non).toBe('abc_123')
    expect(Math.abs(receipt.iat - now())).toBeLessThanOrEqual(2)
    const plain = await get(c.url, '/v1/time')
    expect(verifyTimeReceipt(plain.json.receipt, ks, nodeCrypto).non).toBeUndefined()
  })

  it('GET /v1/keyset and /.well-known/jwks.json publish the same online keys; jose verifies a lease', async () => {
    const ks = await keyset(c)
    expect(ks.claims.ver).toBe(1)
    const res = await get(c.url, '/.well-known/jwks.json')
    expect(res.status).toBe(200)
    const jwks = res.json as {
      keys: { kid: string; kty: string; crv: string; x: string; use: string; alg: string }[]
    }
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([...ks.keys.keys()].sort())
    for (const k of jwks.keys) {
      expect(k).toMatchObject({ kty: 'OKP', crv: 'Ed25519', use: 'sig', alg: 'EdDSA' })
      expect(k.x).toBe(ks.keys.get(k.kid)?.entry.x)
      expect(Object.keys(k)).not.toContain('d')
    }
    const device = new TestDevice()
    const bundle = await activated(c, device, (await createLicense(c, { seats: 1 })).key)
    const lease = bundle.source.lease
    // A standard JOSE library, knowing nothing of Tessera, verifies the lease through the JWKS (a
    // lease names no issuer: the JWKS that holds its kid is the issuer).
    const header = decodeProtectedHeader(lease)
    expect(header).toMatchObject({ alg: 'EdDSA', kid: expect.any(String), typ: expect.any(String) })
    const { payload, protectedHeader } = await jwtVerify(lease, createLocalJWKSet(jwks as never), {
      algorithms: ['EdDSA'],
      audience: 'demo',
      typ: header.typ as string,
    })
    expect(protectedHeader.kid).toBe(header.kid)
    expect(payload).toMatchObject({ sub: bundle.lease.sub, jti: bundle.lease.jti, cnf: { jkt: device.id } })
    expect(verifyLease(lease, ks, nodeCrypto).jti).toBe(payload.jti)
    // A lease with one flipped signature bit fails jose too.
    const [h, p, s] = lease.split('.')
    const flipped = `${h}.${p}.${s!.startsWith('A') ? `B${s!.slice(1)}` : `A${s!.slice(1)}`}`
    await expect(jwtVerify(flipped, createLocalJWKSet(jwks as never))).rejects.toThrow()
  })

  it('GET /v1/revocations serves a signed full list and deltas (?since=) that core applies', async () => {
    const ks = await keyset(c)
    const full0 = await get(c.url, '/v1/revocations?product=demo')
    expect(full0.status, full0.text).toBe(200)
    const state0 = applyRevocationList(null, full0.json.list, ks, 'demo', nodeCrypto)
    // Three revocations, made as the admin API would (through storage).
    const lic = await createLicense(c, { seats: 3 })
    const [d1, d2] = [new TestDevice(), new TestDevice()]
    await activated(c, d1, lic.key)
    const b2 = await activated(c, d2, lic.key)
    const other = await createLicense(c, { seats: 1 })
    const t = now()
    await c.storage.revokeDevice({
      licenseId: lic.license.id,
      deviceId: d1.id,
      reason: 'stolen laptop',
      now: t,
    })
    await c.storage.revokeLease({ jti: b2.lease.jti, reason: 'reissued', now: t })
    await c.storage.revokeLicense({ licenseId: other.license.id, reason: 'chargeback', now: t })

    const delta = await get(c.url, `/v1/revocations?product=demo&since=${state0.seq}`)
    expect(delta.status, delta.text).toBe(200)
    const state1 = applyRevocationList(state0, delta.json.list, ks, 'demo', nodeCrypto)
    expect(state1.seq).toBeGreaterThan(state0.seq)
    const added = state1.entries.filter((e) => !state0.entries.some((o) => o.k === e.k && o.id === e.id))
    expect(added).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ k: 'device', id: d1.id, rsn: 'stolen laptop' }),
        expect.objectContaining({ k: 'lease', id: b2.lease.jti, rsn: 'reissued' }),
        expect.objectContaining({ k: 'license', id: other.license.id, rsn: 'chargeback' }),
      ]),
    )
    // The delta brings a relay to the same state as a fresh full list.
    const full1 = await get(c.url, '/v1/revocations?product=demo')
    const fresh = applyRevocationList(null, full1.json.list, ks, 'demo', nodeCrypto)
    expect(sortEntries(state1)).toEqual(sortEntries(fresh))
    expect(fresh.seq).toBe(state1.seq)
    // A delta that skips a version is refused by core (never silently applied).
    if (state0.seq > 0) {
      expect(() =>
        applyRevocationList({ ...state0, seq: state0.seq - 1 }, delta.json.list, ks, 'demo', nodeCrypto),
      ).toThrow()
    }
    // Up to date: a full list at the same version (an empty delta would not raise seq).
    const current = await get(c.url, `/v1/revocations?product=demo&since=${state1.seq}`)
    expect(applyRevocationList(state1, current.json.list, ks, 'demo', nodeCrypto).seq).toBe(state1.seq)
    expectProblem(await get(c.url, '/v1/revocations?product=nope'), 404, 'NOT_FOUND')
    expectProblem(await get(c.url, '/v1/revocations?product=demo&since=x'), 400, 'VALIDATION_FAILED')
    expectProblem(await get(c.url, '/v1/revocations'), 400, 'VALIDATION_FAILED')
  })

  describe('revoked license, device, lease: 403 with a signed status receipt saying revoked', () => {
    async function expectRevoked(
      res: Reply,
      code: string,
      kind: string,
      ks: Awaited<ReturnType<typeof keyset>>,
    ) {
      expectProblem(res, 403, code)
      const status = verifyStatusReceipt(res.json.statusReceipt, ks, 'demo', nodeCrypto)
      expect(status.sts).toBe('revoked')
      expect(status.rvk?.k).toBe(kind)
      return status
    }

    it('license revoked → LICENSE_REVOKED on renew and deactivate, revoked receipt on check-in and activation', async () => {
      const ks = await keyset(c)
      const { license, key } = await createLicense(c, { seats: 2 })
      const device = new TestDevice()
      const bundle = await activated(c, device, key)
      await c.storage.revokeLicense({ licenseId: license.id, reason: 'refund', now: now() })
      const body = { product: 'demo', license: license.id, lease: bundle.lease.jti }
      const status = await expectRevoked(
        await signedPost(c.url, device, '/v1/renew', body),
        'LICENSE_REVOKED',
        'license',
        ks,
      )
      expect(status).toMatchObject({ sub: license.id, dev: device.id, rvk: { rsn: 'refund' } })
      expect(status.rsq).toBeGreaterThan(0)
      await expectRevoked(
        await signedPost(c.url, device, '/v1/deactivate', { product: 'demo', license: license.id }),
        'LICENSE_REVOKED',
        'license',
        ks,
      )
      const check = await signedPost(c.url, device, '/v1/status', body)
      expect(check.status, check.text).toBe(200)
      expect(verifyStatusReceipt(check.json.status, ks, 'demo', nodeCrypto)).toMatchObject({
        sts: 'revoked',
        rvk: { k: 'license' },
      })
      await expectRevoked(await activate(c.url, new TestDevice(), key), 'LICENSE_REVOKED', 'license', ks)
    })

    it('device revoked → DEVICE_REVOKED on renew and on re-activation; other devices unaffected', async () => {
      const ks = await keyset(c)
      const { license, key } = await createLicense(c, { seats: 2 })
      const [device, other] = [new TestDevice(), new TestDevice()]
      await activated(c, device, key)
      await activated(c, other, key)
      await c.storage.revokeDevice({
        licenseId: license.id,
        deviceId: device.id,
        reason: 'cloned',
        now: now(),
      })
      const body = { product: 'demo', license: license.id }
      const status = await expectRevoked(
        await signedPost(c.url, device, '/v1/renew', body),
        'DEVICE_REVOKED',
        'device',
        ks,
      )
      expect(status).toMatchObject({ dev: device.id, rvk: { rsn: 'cloned' } })
      await expectRevoked(await activate(c.url, device, key), 'DEVICE_REVOKED', 'device', ks)
      const fine = await signedPost(c.url, other, '/v1/renew', body)
      expect(fine.status, fine.text).toBe(200)
    })

    it('a refused renewal or check-in still spends its proof: the replay is refused as one', async () => {
      const { license, key } = await createLicense(c, { seats: 2 })
      const [device, sibling] = [new TestDevice(), new TestDevice()]
      await activated(c, device, key)
      await activated(c, sibling, key)
      await c.storage.revokeDevice({ licenseId: license.id, deviceId: device.id, reason: 'x', now: now() })
      const raw = JSON.stringify({ product: 'demo', license: license.id })
      const proof = await device.proof('POST', '/v1/renew', raw)
      expectProblem(await postRaw(c.url, '/v1/renew', raw, proof), 403, 'DEVICE_REVOKED')
      expectProblem(await postRaw(c.url, '/v1/renew', raw, proof), 401, 'PROOF_INVALID')
      // A check-in naming another license's lease fails before its write, and is spent too.
      const other = await createLicense(c, { seats: 1 })
      const theirs = await activated(c, new TestDevice(), other.key)
      const foreign = JSON.stringify({ product: 'demo', license: license.id, lease: theirs.lease.jti })
      const checkIn = await sibling.proof('POST', '/v1/status', foreign)
      expectProblem(await postRaw(c.url, '/v1/status', foreign, checkIn), 404, 'NOT_FOUND')
      expectProblem(await postRaw(c.url, '/v1/status', foreign, checkIn), 401, 'PROOF_INVALID')
    })

    it('lease revoked → LEASE_REVOKED when the device presents it', async () => {
      const ks = await keyset(c)
      const device = new TestDevice()
      const bundle = await activated(c, device, (await createLicense(c, { seats: 1 })).key)
      await c.storage.revokeLease({ jti: bundle.lease.jti, reason: 'superseded', now: now() })
      const status = await expectRevoked(
        await signedPost(c.url, device, '/v1/renew', {
          product: 'demo',
          license: bundle.lease.sub,
          lease: bundle.lease.jti,
        }),
        'LEASE_REVOKED',
        'lease',
        ks,
      )
      expect(status).toMatchObject({ lea: bundle.lease.jti, rvk: { rsn: 'superseded' } })
    })
  })

  it('GET /healthz, /readyz, /metrics, /openapi.json and /docs answer', async () => {
    expect((await get(c.url, '/healthz')).json).toEqual({ ok: true })
    expect((await get(c.url, '/readyz')).json).toEqual({ ok: true })
    const metrics = await get(c.url, '/metrics')
    expect(metrics.status).toBe(200)
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(metrics.text).toContain('tessera_http_request_duration_seconds_bucket')
    expect(metrics.text).toMatch(/tessera_activations_total\{outcome="activated"\} [1-9]/)
    expect(metrics.text).toMatch(/tessera_renewals_total\{outcome="ok"\} [1-9]/)
    const openapi = await get(c.url, '/openapi.json')
    expect(openapi.status).toBe(200)
    expect(openapi.json.openapi).toMatch(/^3\./)
    for (const path of [
      '/v1/nonce',
      '/v1/activate',
      '/v1/renew',
      '/v1/status',
      '/v1/deactivate',
      '/v1/telemetry',
      '/v1/time',
      '/v1/keyset',
      '/v1/revocations',
      '/.well-known/jwks.json',
    ]) {
      expect(Object.keys(openapi.json.paths), path).toContain(path)
    }
    // Strict bodies are documented as such.
    const activateSchema =
      openapi.json.paths['/v1/activate'].post.requestBody.content['application/json'].schema
    expect(activateSchema.additionalProperties).toBe(false)
    const docs = await send(c.url, 'GET', '/docs')
    expect(docs.status).toBe(200)
    expect(docs.headers.get('content-type')).toMatch(/text\/html/)
    expect(docs.text.toLowerCase()).toContain('swagger')
  })
})

function sortEntries(state: RevocationState) {
  return [...state.entries].sort((a, b) => `${a.k}:${a.id}`.localeCompare(`${b.k}:${b.id}`))
}
