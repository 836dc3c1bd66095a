/**
 * The seat invariant under a stampede: 100 distinct devices, each with its own nonce and proof,
 * activate one 5-seat license at the same moment → exactly 5 seats, 95 × 409 SEATS_EXHAUSTED.
 * On SQLite (one server) and on PostgreSQL with two replicas taking turns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  activationBody,
  type Cluster,
  createLicense,
  expectProblem,
  get,
  nonce,
  postRaw,
  startCluster,
  type TestDb,
  TestDevice,
  verifiedBundle,
} from './test-support/harness.js'

const DEVICES = 100
const SEATS = 5

describe.each([
  ['sqlite', 1],
  ['postgres', 2],
] as [TestDb, number][])('seat race on %s with %i replica(s)', (db, replicas) => {
  let c: Cluster
  beforeAll(async () => {
    c = await startCluster(db, { replicas })
  })
  afterAll(async () => c?.stop())

  it(`${DEVICES} concurrent activations of a ${SEATS}-seat license: exactly ${SEATS} succeed`, async () => {
    const { license, key } = await createLicense(c, { seats: SEATS })
    const devices = Array.from({ length: DEVICES }, () => new TestDevice())
    // Every request is fully prepared (nonce from the replica it will hit, signed proof) first.
    const prepared = await Promise.all(
      devices.map(async (device, i) => {
        const base = c.urls[i % c.urls.length]!
        const raw = JSON.stringify(activationBody(device, key))
        const proof = await device.proof('POST', '/v1/activate', raw, { nonce: await nonce(base) })
        return { device, base, raw, proof }
      }),
    )
    const replies = await Promise.all(prepared.map((p) => postRaw(p.base, '/v1/activate', p.raw, p.proof)))

    const won = replies.flatMap((r, i) => (r.status === 200 ? [{ reply: r, device: devices[i]! }] : []))
    const lost = replies.filter((r) => r.status !== 200)
    expect(won).toHaveLength(SEATS)
    expect(lost).toHaveLength(DEVICES - SEATS)
    for (const r of lost) expectProblem(r, 409, 'SEATS_EXHAUSTED')
    // Each replica counted its own outcomes; together they saw exactly the same split.
    const counted = { activated: 0, seats_exhausted: 0 }
    for (const base of c.urls) {
      const text = (await get(base, '/metrics')).text
      for (const outcome of Object.keys(counted) as (keyof typeof counted)[]) {
        const m = new RegExp(`tessera_activations_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)
        counted[outcome] += Number(m?.[1] ?? 0)
      }
    }
    expect(counted).toEqual({ activated: SEATS, seats_exhausted: DEVICES - SEATS })
    for (const { reply, device } of won) {
      expect(verifiedBundle(c, reply.json.bundle).lease.cnf.jkt).toBe(device.id)
    }
    const active = await c.storage.listDevices(license.id, 'active')
    expect(active.map((d) => d.deviceId).sort()).toEqual(won.map((w) => w.device.id).sort())
    expect(await c.storage.countActiveDevices(license.id)).toBe(SEATS)
  })
})
