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
import { enforceLicenseLimit } from '../security/rate-limit.js'
import type { License, Product } from '../storage/index.js'
import { refuseRevokedActivation } from './device-session.js'
import { grantSeat } from './lease-grant.js'
import { loadLicenseByKeyHash } from './license-checks.js'

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
  await enforceLicenseLimit(ctx, license.id)
  await requireNonceProof(ctx, request, deviceKey, deviceId)
  await refuseRevokedActivation(ctx, license, deviceId)
  const { bundle } = await grantSeat(
    ctx,
    { license, product, deviceKey, deviceId, fingerprint: body.fingerprint, now: ctx.now() },
    { actor: `device:${deviceId}`, action: 'device.activate' },
  )
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
  return loadLicenseByKeyHash(ctx, hash, productId)
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
