import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { componentHash, decodeJws, type PolicyParams } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InitResult, initDataDir } from '../init.js'
import { createServer, type TesseraServer } from '../server.js'
import { upgradeComponent } from '../storage/legacy-fingerprint.js'
import { TestDevice, testFingerprint } from '../test-support/test-device.js'
import { planLease } from './issuance.js'
import { renewSeat } from './lease-grant.js'
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

describe('renewing a device activated before the lease format change', () => {
  /** Stores a device the way an older server did, bypassing today's request checks. */
  async function storedDevice(fingerprint: string[]) {
    const ctx = server.context
    const license = (await ctx.storage.getLicense(demo.license))!
    const product = (await ctx.storage.getProduct(license.productId))!
    const policy = await resolvePolicy(ctx.storage, license)
    const device = new TestDevice(fingerprint)
    const now = ctx.now()
    const res = await ctx.storage.activateDevice({
      licenseId: license.id,
      device: { deviceId: device.id, publicJwk: { ...device.jwk }, fingerprint },
      maxSeats: 100,
      now,
      lease: {
        jti: `lea_${device.id.slice(0, 12)}`,
        policyId: policy.policyId,
        policyVersion: policy.version,
        issuedAt: now,
        expiresAt: now + 3600,
      },
    })
    if (!res.ok) throw new Error(res.reason)
    return { ctx, license, product, device: res.device, now }
  }

  it('renews with the converted components (what migration 0006 stores) in hwf', async () => {
    const legacy = ['machine-id', 'os', 'cpu'].map((name) =>
      createHash('sha256').update(`tessera-fp:v1:demo:${name}=legacy-box`).digest('base64url').slice(0, 16),
    )
    const converted = legacy.map(upgradeComponent)
    expect(converted).toEqual(
      ['machine-id', 'os', 'cpu'].map((name) => componentHash('demo', name, 'legacy-box', nodeCrypto)),
    )
    const { ctx, ...input } = await storedDevice(converted)
    const grant = await renewSeat(ctx, input)
    expect(grant.lease.hwf).toEqual({ k: 3, c: converted.join('') })
  })

  it('refuses a stored fingerprint no lease can carry with a coded 409, not a 500', async () => {
    const { ctx, ...input } = await storedDevice(['cpu:1', 'disk:2'])
    await expect(renewSeat(ctx, input)).rejects.toMatchObject({ code: 'FINGERPRINT_UNUSABLE', status: 409 })
  })
})
