import {
  type Bundle,
  isTesseraError,
  jwkThumbprint,
  licenseKeyHash,
  type PublicJwk,
  parsePublicJwk,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type { FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { HttpProblem } from '../http/problem.js'
import { requireDeviceProof } from '../security/device-proof.js'
import { enforceRateLimit } from '../security/rate-limit.js'
import type { License, Product } from '../storage/index.js'
import { recordAudit } from './audit-log.js'
import { issueBundle, planLease } from './issuance.js'
import { assertLicenseUsable } from './license-checks.js'
import { resolvePolicy } from './policy-resolution.js'

export interface ActivateBody {
  product: string
  licenseKey: string
  deviceKey: Record<string, unknown>
  fingerprint: string[]
  app?: { version?: string }
}

/**
 * Activation: license key + device public key + fingerprint + proof of possession over a fresh
 * server nonce → a seat (atomically, never more than the seats) and the token bundle.
 */
export async function activate(
  ctx: ServerContext,
  request: FastifyRequest,
  body: ActivateBody,
): Promise<Bundle> {
  const deviceKey = parseDeviceKey(body.deviceKey)
  const deviceId = jwkThumbprint(deviceKey, nodeCrypto)
  const { license, product } = await findByKey(ctx, body.licenseKey, body.product)
  await enforceRateLimit(ctx, `lic:${license.id}`, ctx.rateLimits.perLicense)
  await requireNonceProof(ctx, request, deviceKey, deviceId)
  const now = ctx.now()
  if (license.status === 'revoked') throw new HttpProblem('LICENSE_REVOKED', 'this license has been revoked')
  assertLicenseUsable(license, now)
  const policy = await resolvePolicy(ctx.storage, license)
  const plan = planLease(ctx, { license, product, policy, deviceId, fingerprint: body.fingerprint, now })
  const maxSeats =
    policy.params.maxDevices > 0 ? Math.min(license.seats, policy.params.maxDevices) : license.seats
  const result = await ctx.storage.activateDevice({
    licenseId: license.id,
    device: { deviceId, publicJwk: { ...deviceKey }, fingerprint: body.fingerprint },
    maxSeats,
    now,
    lease: plan.record,
  })
  if (!result.ok) {
    ctx.metrics.activations.inc({ outcome: result.reason.toLowerCase() })
    if (result.reason === 'SEATS_EXHAUSTED') {
      throw new HttpProblem('SEATS_EXHAUSTED', `all ${maxSeats} seats of this license are in use`)
    }
    if (result.reason === 'DEVICE_REVOKED')
      throw new HttpProblem('DEVICE_REVOKED', 'this device has been revoked')
    throw new HttpProblem('LICENSE_SUSPENDED', 'this license is not active')
  }
  const bundle = await issueBundle(ctx, { plan, license, device: result.device, policy, now })
  ctx.metrics.activations.inc({ outcome: result.reused ? 'reactivated' : 'activated' })
  await recordAudit(ctx, {
    actor: `device:${deviceId}`,
    action: 'device.activate',
    target: license.id,
    data: { lease: plan.claims.jti, reused: result.reused },
  })
  return bundle
}

function parseDeviceKey(value: unknown): PublicJwk {
  try {
    return parsePublicJwk(value)
  } catch (err) {
    throw new HttpProblem(
      'VALIDATION_FAILED',
      `deviceKey is not a supported public JWK (${isTesseraError(err) ? err.code : 'invalid'})`,
    )
  }
}

async function findByKey(
  ctx: ServerContext,
  key: string,
  productId: string,
): Promise<{ license: License; product: Product }> {
  let hash: string
  try {
    hash = licenseKeyHash(key, nodeCrypto)
  } catch {
    throw new HttpProblem(
      'LICENSE_KEY_MALFORMED',
      'the license key is mistyped (wrong shape or check characters)',
    )
  }
  const license = await ctx.storage.findLicenseByKeyHash(hash)
  const product =
    license && license.productId === productId ? await ctx.storage.getProduct(productId) : undefined
  if (!license || !product) throw new HttpProblem('LICENSE_NOT_FOUND', 'no such license for this product')
  return { license, product }
}

/** The proof must carry a nonce this server issued and nobody used yet. */
async function requireNonceProof(
  ctx: ServerContext,
  request: FastifyRequest,
  key: PublicJwk,
  deviceId: string,
): Promise<void> {
  const claims = await requireDeviceProof(ctx, request, key, deviceId)
  if (!claims.non || !(await ctx.storage.consumeNonce(claims.non, 'activate', ctx.now()))) {
    throw new HttpProblem('NONCE_INVALID', 'the activation nonce is missing, expired or already used')
  }
}
