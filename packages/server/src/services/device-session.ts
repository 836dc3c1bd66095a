import type { FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { HttpProblem } from '../http/problem.js'
import { proofDeviceId, rememberProof, replayed, verifyProof } from '../security/device-proof.js'
import { countLicenseHit } from '../security/rate-limit.js'
import type { Device, License, Product } from '../storage/index.js'
import { statusReceipt } from './issuance.js'
import { loadLicense } from './license-checks.js'
import { type RevokedInfo, revokedState } from './revocation-state.js'

/** A device request whose proof verified against the key registered for that license. */
export interface DeviceSession {
  license: License
  product: Product
  device: Device
  now: number
}

/**
 * Authenticates a device request (renew, status, deactivate, telemetry): the license of this
 * product, the device registered on it, its proof of possession, then the per-license rate limit
 * (counted only for authenticated requests, so knowing a license id is not enough to spend its
 * budget and lock its devices out; unauthenticated traffic meets the per-IP limit).
 */
export async function openDeviceSession(
  ctx: ServerContext,
  request: FastifyRequest,
  body: { product: string; license: string },
): Promise<DeviceSession> {
  const deviceId = proofDeviceId(request)
  const { license, product } = await loadLicense(ctx, body.license, body.product)
  const device = await ctx.storage.getDevice(license.id, deviceId)
  if (!device) throw new HttpProblem('DEVICE_NOT_FOUND', 'this device holds no seat on that license')
  const claims = verifyProof(ctx, request, device.publicJwk as never)
  // One write for both: the proof's jti (a replay is refused) and the license's request count.
  const refusal = await ctx.storage.transaction(async (tx) =>
    (await rememberProof(ctx, tx, deviceId, claims)) ? countLicenseHit(ctx, tx, license.id) : replayed(),
  )
  if (refusal) throw refusal
  return { license, product, device, now: ctx.now() }
}

/**
 * Refuses a revoked license, device or lease with 403 and a signed status receipt saying so, so
 * the client locks at once and can prove why.
 */
export async function refuseIfRevoked(
  ctx: ServerContext,
  session: DeviceSession,
  lease?: string,
): Promise<void> {
  const revoked = await revokedState(ctx.storage, session.license, session.device, lease)
  if (!revoked) return
  throw await revokedProblem(ctx, {
    license: session.license,
    deviceId: session.device.deviceId,
    now: session.now,
    revoked,
    ...(lease ? { lease } : {}),
  })
}

/**
 * Activation of a revoked license or of a revoked device on it: the same 403 and signed receipt
 * as every other contact (the device proved possession of its key before this is called).
 */
export async function refuseRevokedActivation(
  ctx: ServerContext,
  license: License,
  deviceId: string,
): Promise<void> {
  const device = license.status === 'revoked' ? undefined : await ctx.storage.getDevice(license.id, deviceId)
  const revoked = await revokedState(ctx.storage, license, device, undefined)
  if (revoked) throw await revokedProblem(ctx, { license, deviceId, now: ctx.now(), revoked })
}

async function revokedProblem(
  ctx: ServerContext,
  input: { license: License; deviceId: string; now: number; revoked: RevokedInfo; lease?: string },
): Promise<HttpProblem> {
  const { revoked } = input
  const status = await statusReceipt(ctx, input)
  const code =
    revoked.kind === 'license'
      ? 'LICENSE_REVOKED'
      : revoked.kind === 'device'
        ? 'DEVICE_REVOKED'
        : 'LEASE_REVOKED'
  return new HttpProblem(code, `this ${revoked.kind} has been revoked`, {
    extensions: { statusReceipt: status },
  })
}
