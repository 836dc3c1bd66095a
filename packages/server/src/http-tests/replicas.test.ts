/**
 * Two stateless replicas (two `createServer` instances, each with its own pool and port) on one
 * PostgreSQL schema present one consistent server: seats, leases, nonces, proof replay memory
 * and rate-limit counters all live in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  activated,
  activationBody,
  type Cluster,
  createLicense,
  expectProblem,
  nonce,
  postRaw,
  signedPost,
  startCluster,
  TestDevice,
  verifiedBundle,
} from './test-support/harness.js'

describe('two replicas on one PostgreSQL', () => {
  let c: Cluster
  let a: string
  let b: string
  beforeAll(async () => {
    c = await startCluster('postgres', { replicas: 2 })
    ;[a, b] = c.urls as [string, string]
  })
  afterAll(async () => c?.stop())

  it('activates on A, renews on B, and B sees the seat A gave', async () => {
    const { license, key } = await createLicense(c, { seats: 1 })
    const device = new TestDevice()
    const first = await activated(c, device, key, a)
    const res = await signedPost(b, device, '/v1/renew', {
      product: 'demo',
      license: license.id,
      lease: first.lease.jti,
    })
    expect(res.status, res.text).toBe(200)
    const renewed = verifiedBundle(c, res.json.bundle)
    expect(renewed.lease).toMatchObject({ sub: license.id, cnf: { jkt: device.id } })
    // The one seat is taken for B as well.
    const other = new TestDevice()
    const raw = JSON.stringify(activationBody(other, key))
    const refused = await postRaw(
      b,
      '/v1/activate',
      raw,
      await other.proof('POST', '/v1/activate', raw, { nonce: await nonce(b) }),
    )
    expectProblem(refused, 409, 'SEATS_EXHAUSTED')
    // Deactivated on B, the seat is free on A.
    const gone = await signedPost(b, device, '/v1/deactivate', { product: 'demo', license: license.id })
    expect(gone.status, gone.text).toBe(200)
    expect((await activated(c, other, key, a)).lease.cnf.jkt).toBe(other.id)
  })

  it('refuses on B a proof already used on A (PROOF_INVALID), and vice versa', async () => {
    const { license, key } = await createLicense(c, { seats: 1 })
    const device = new TestDevice()
    await activated(c, device, key, a)
    const raw = JSON.stringify({ product: 'demo', license: license.id })
    const proof = await device.proof('POST', '/v1/renew', raw)
    expect((await postRaw(a, '/v1/renew', raw, proof)).status).toBe(200)
    expectProblem(await postRaw(b, '/v1/renew', raw, proof), 401, 'PROOF_INVALID')
    expectProblem(await postRaw(a, '/v1/renew', raw, proof), 401, 'PROOF_INVALID')
    const second = await device.proof('POST', '/v1/status', raw)
    expect((await postRaw(b, '/v1/status', raw, second)).status).toBe(200)
    expectProblem(await postRaw(a, '/v1/status', raw, second), 401, 'PROOF_INVALID')
  })

  it('a nonce issued by A is usable exactly once, on B', async () => {
    const { key } = await createLicense(c, { seats: 3 })
    const issued = await nonce(a)
    const [first, second] = [new TestDevice(), new TestDevice()]
    const body1 = JSON.stringify(activationBody(first, key))
    const ok = await postRaw(
      b,
      '/v1/activate',
      body1,
      await first.proof('POST', '/v1/activate', body1, { nonce: issued }),
    )
    expect(ok.status, ok.text).toBe(200)
    // Spent: neither replica takes it again, not even for another device with a fresh proof.
    const body2 = JSON.stringify(activationBody(second, key))
    for (const base of [a, b]) {
      const again = await postRaw(
        base,
        '/v1/activate',
        body2,
        await second.proof('POST', '/v1/activate', body2, { nonce: issued }),
      )
      expectProblem(again, 401, 'NONCE_INVALID')
    }
  })

  it('shares rate-limit counters: the per-license limit counts hits on both replicas', async () => {
    const limited = await startCluster('postgres', {
      replicas: 2,
      server: { rateLimits: { windowSeconds: 3600, perIp: 1000, perLicense: 6 } },
    })
    try {
      const [la, lb] = limited.urls as [string, string]
      const { license, key } = await createLicense(limited, { seats: 1 })
      const device = new TestDevice()
      await activated(limited, device, key, la) // hit 1 on lic:<id>
      const body = { product: 'demo', license: license.id }
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) {
        const res = await signedPost(i % 2 === 0 ? lb : la, device, '/v1/status', body)
        statuses.push(res.status)
        if (res.status === 429) {
          expectProblem(res, 429, 'RATE_LIMITED')
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
        }
      }
      // Hits 2..6 pass (3 on B, 2 on A), the 7th is refused: neither replica alone reached 6.
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
      const other = await signedPost(la, device, '/v1/status', body)
      expectProblem(other, 429, 'RATE_LIMITED')
    } finally {
      await limited.stop()
    }
  })
})
