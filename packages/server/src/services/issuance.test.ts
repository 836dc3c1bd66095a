import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeJws, type PolicyParams } from '@tessera/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InitResult, initDataDir } from '../init.js'
import { createServer, type TesseraServer } from '../server.js'
import { TestDevice, testFingerprint } from '../test-support/test-device.js'
import { planLease } from './issuance.js'
import { resolvePolicy } from './policy-resolution.js'

/** The format budget: a typical lease (≈10 claims) as compact JWS, in bytes. */
const LEASE_BUDGET = 600

let dataDir: string
let server: TesseraServer
let demo: NonNullable<InitResult['demo']>
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tessera-issuance-'))
  demo = (await initDataDir({ dataDir, demo: true })).demo!
  server = await createServer({ dataDir, logLevel: false })
})
afterAll(async () => {
  await server?.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** The lease the server signs for the demo license (4 features, 1 essential) on a fresh device. */
async function signedLease(components: number, params: Partial<PolicyParams> = {}) {
  const ctx = server.context
  const license = (await ctx.storage.getLicense(demo.license))!
  const product = (await ctx.storage.getProduct(license.productId))!
  const policy = await resolvePolicy(ctx.storage, license)
  const device = new TestDevice(testFingerprint('budget', components))
  const plan = planLease(ctx, {
    license,
    product,
    policy: { ...policy, params: { ...policy.params, ...params } },
    deviceId: device.id,
    fingerprint: device.fingerprint,
    now: ctx.now(),
  })
  return { claims: plan.claims, token: await ctx.keyring.sign('lease', plan.claims) }
}

describe('lease issued by the server', () => {
  it('is compact: no v, iss, pol; no fbk when limited; the fingerprint packed', async () => {
    const { claims, token } = await signedLease(6)
    expect(Object.keys(claims)).toEqual([
      'sub',
      'aud',
      'jti',
      'iat',
      'exp',
      'ren',
      'grc',
      'edn',
      'fts',
      'ess',
      'cnf',
      'hwf',
    ])
    expect(claims.sub).toMatch(/^lic_[A-Za-z0-9_-]{12}$/)
    expect(claims.jti).toMatch(/^lea_[A-Za-z0-9_-]{12}$/)
    expect(claims.fts).toHaveLength(4)
    expect(claims.hwf).toEqual({ k: 3, c: expect.stringMatching(/^[A-Za-z0-9_-]{36}$/) })
    expect(decodeJws(token, 'lease').payload).toEqual(claims)
    expect((await signedLease(6, { fallback: 'deny' })).claims.fbk).toBe('deny')
  })

  // The typical lease: the demo policy (fallback limited, no subscription end), 4 features, 1
  // essential. A `deny` fallback or a subscription ending inside the window (`ofw`) add ~17 bytes.
  it.each([4, 6])(
    `with %i fingerprint components, 4 features and server ids fits in ${LEASE_BUDGET} bytes`,
    async (components) => {
      const { token } = await signedLease(components)
      expect(Buffer.byteLength(token, 'utf8')).toBeLessThanOrEqual(LEASE_BUDGET)
    },
  )
})
