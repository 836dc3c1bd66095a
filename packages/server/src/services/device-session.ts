import type { ProofClaims } from '@tessera/core'
import type { FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { HttpProblem } from '../http/problem.js'
import { proofDeviceId, rememberProof, replayed, verifyProof } from '../security/device-proof.js'
import { countLicenseHit } from '../security/rate-limit.js'
import type { Device, License, Product, Storage } from '../storage/index.js'
import { statusReceipt } from './issuance.js'
import { loadLicense } from './license-checks.js'
import { type RevokedInfo, revokedState } from './revocation-state.js'

/** A device request whose proof verified against the key registered for that license. */
export interface DeviceSession {
  license: License
  product: Product
  device: Device
  now: number
  claims: ProofClaims
  /** Set once the admission writes ran (see `admitted`). */
  admitted: boolean
}

/**
 * Authenticates a device request (renew, status, deactivate, telemetry): the license of this
 * product, the device registered on it, its proof of possession, then admits it: the proof's jti
 * is remembered (a replay is refused) and the per-license rate limit counted (only for
 * authenticated requests, so knowing a license id is not enough to spend its budget and lock its
 * devices out; unauthenticated traffic meets the per-IP limit).
 */
export async function openDeviceSession(
  ctx: ServerContext,
  request: FastifyRequest,
  body: { product: string; license: string },
): Promise<DeviceSession> {
  const session = await authenticateDevice(ctx, request, body)
  await admitted(ctx, session, async () => undefined)
  return session
}

/**
 * Authentication without the admission writes, for a service that makes them in its own
 * transaction (`admitted`) and calls `admitOnFailure` when it fails before that.
 */
export async function authenticateDevice(
  ctx: ServerContext,
  request: FastifyRequest,
  body: { product: string; license: string },
): Promise<DeviceSession> {
  const deviceId = proofDeviceId(request)
  const { license, product } = await loadLicense(ctx, body.license, body.product)
  const device = await ctx.storage.getDevice(license.id, deviceId)
  if (!device) throw new HttpProblem('DEVICE_NOT_FOUND', 'this device holds no seat on that license')
  const claims = verifyProof(ctx, request, device.publicJwk as never)
  return { license, product, device, now: ctx.now(), claims, admitted: false }
}

/**
 * Runs `work` in one transaction with the session's admission writes (one commit for both). A
 * refused admission (replay, over the limit) commits alone and throws its problem.
 */
export async function admitted<T>(
  ctx: ServerContext,
  session: DeviceSession,
  work: (tx: Storage) => Promise<T>,
): Promise<T> {
  session.admitted = true
  const outcome = await ctx.storage.transaction(async (tx) => {
    const fresh = await rememberProof(ctx, tx, session.device.deviceId, session.claims)
    const refusal = fresh ? await countLicenseHit(ctx, tx, session.license.id) : replayed()
    return refusal ? { refusal } : { value: await work(tx) }
  })
  if ('refusal' in outcome) throw outcome.refusal
  return outcome.value
}

/**
 * For a service that failed before its admission: writes it now, so the request still counts and
 * a replayed proof is answered as a replay; then rethrows `err` (or the admission's refusal).
 */
export async function admitOnFailure(
  ctx: ServerContext,
  session: DeviceSession,
  err: unknown,
): Promise<never> {
  if (!session.admitted) await admitted(ctx, session, async () => undefined)
  throw err
}

/**
 * Refuses a revoked license, device or lease with 403 and a signed status receipt saying so, so
 * the client locks at once and can prove why.
 */
export async function refuseIfRevoked(
  ctx: ServerContext,
  session: Pick<DeviceSession, 'license' | 'device' | 'now'>,
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
