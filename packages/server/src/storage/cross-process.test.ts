import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditHasher } from './admin.js'
import { buildForChildProcess, ChildWorker, WORKER_PRELUDE } from './test-support/child-process.js'
import { fixture } from './test-support/databases.js'
import { newDevice, newLease, seedLicense, T0, uid } from './test-support/seed.js'

const sha256: AuditHasher = (r) => createHash('sha256').update(JSON.stringify(r)).digest('hex')

/**
 * Two OS processes on one SQLite file: in-process mutexes cannot help here, only SQLite's own
 * write lock taken by BEGIN IMMEDIATE (and busy_timeout to wait for it).
 */
describe('SQLite shared by two processes', () => {
  let build: Awaited<ReturnType<typeof buildForChildProcess>>
  beforeAll(async () => {
    build = await buildForChildProcess()
  })
  afterAll(() => build?.cleanup())

  it('keeps the seat invariant, nonce single use and the audit chain across processes', async () => {
    const fx = await fixture('sqlite')
    try {
      const s = await fx.open()
      const license = await seedLicense(s, { seats: 5 })
      const nonces = Array.from({ length: 30 }, () => uid('n'))
      for (const value of nonces) await s.putNonce({ value, purpose: 'challenge', expiresAt: T0 + 60 })
      const script = `${WORKER_PRELUDE}
const activations = Array.from({ length: 50 }, (_, i) => storage.activateDevice({
  licenseId: input.license.id, maxSeats: 5, now: input.now,
  device: { deviceId: input.tag + '-' + i, publicJwk: {}, fingerprint: [] },
  lease: { jti: input.tag + '-lease-' + i, policyId: input.license.policyId, policyVersion: 1, issuedAt: input.now, expiresAt: input.now + 60 },
}))
const consumed = input.nonces.map((v) => storage.consumeNonce(v, 'challenge', input.now))
const audits = Array.from({ length: 25 }, (_, i) => storage.appendAudit({ at: input.now, actor: input.tag, action: 'x', target: String(i), data: {} }, sha256))
const [a, c] = await Promise.all([Promise.all(activations), Promise.all(consumed), Promise.all(audits)])
await finish({ seats: a.filter((r) => r.ok).length, consumed: c })
`
      const input = { url: fx.url, license, nonces, now: T0 }
      const workers = await Promise.all(
        ['p1', 'p2'].map((tag) => ChildWorker.start(build.dir, script, { ...input, tag })),
      )
      type Result = { seats: number; consumed: boolean[] }
      const local = Promise.all(
        Array.from({ length: 20 }, () =>
          s.activateDevice({
            licenseId: license.id,
            device: newDevice(),
            maxSeats: 5,
            now: T0,
            lease: newLease(license),
          }),
        ),
      )
      const [r1, r2] = await Promise.all(workers.map((w) => w.go<Result>()))
      const mine = (await local).filter((r) => r.ok).length
      expect(r1!.seats + r2!.seats + mine).toBe(5)
      expect(await s.countActiveDevices(license.id)).toBe(5)
      nonces.forEach((_, i) => {
        expect(Number(r1!.consumed[i]) + Number(r2!.consumed[i])).toBe(1)
      })
      const chain = await s.listAudit()
      expect(chain).toHaveLength(50)
      chain.forEach((row, i) => {
        expect(row.seq).toBe(i + 1)
        expect(row.prevHash).toBe(i === 0 ? null : chain[i - 1]!.hash)
        const { hash, ...rest } = row
        expect(hash).toBe(sha256(rest))
      })
    } finally {
      await fx.cleanup()
    }
  })
})
