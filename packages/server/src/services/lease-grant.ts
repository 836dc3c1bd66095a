import { type Bundle, isComponentHash, type LeaseClaims, MAX_COMPONENTS, type PublicJwk } from '@tessera/core'
import type { ServerContext } from '../context.js'
import { HttpProblem } from '../http/problem.js'
import type { Device, License, Product, Storage } from '../storage/index.js'
import { recordAudit } from './audit-log.js'
import { issueBundle, planLease } from './issuance.js'
import { assertLicenseUsable } from './license-checks.js'
import { resolvePolicy } from './policy-resolution.js'

/** A bundle just issued, with the lease claims it carries. */
export interface Grant {
  bundle: Bundle
  lease: LeaseClaims
  device: Device
}

/** Who to record in the audit log for a seat change, in the transaction that makes it. */
export interface SeatAudit {
  actor: string
  action: string
}

export interface SeatRequest {
  license: License
  product: Product
  deviceKey: PublicJwk
  /** RFC 7638 thumbprint of `deviceKey`. */
  deviceId: string
  /** Hashed fingerprint components, 1..16. */
  fingerprint: string[]
  now: number
}

/**
 * Takes a seat for the device (atomically, never more than the seats; an active device keeps its
 * seat) and issues its bundle. Shared by online activation and air-gapped responses, so both
 * follow the same seat, policy and lease rules. The caller authenticated the device.
 */
export async function grantSeat(
  ctx: ServerContext,
  input: SeatRequest,
  audit?: SeatAudit,
): Promise<Grant & { reused: boolean }> {
  const { license, product, deviceId, now } = input
  if (license.status === 'revoked') throw new HttpProblem('LICENSE_REVOKED', 'this license has been revoked')
  assertLicenseUsable(license, now)
  const policy = await resolvePolicy(ctx.storage, license)
  const plan = planLease(ctx, { license, product, policy, deviceId, fingerprint: input.fingerprint, now })
  const maxSeats =
    policy.params.maxDevices > 0 ? Math.min(license.seats, policy.params.maxDevices) : license.seats
  const result = await ctx.storage.transaction(async (tx) => {
    const done = await tx.activateDevice({
      licenseId: license.id,
      device: { deviceId, publicJwk: { ...input.deviceKey }, fingerprint: input.fingerprint },
      maxSeats,
      now,
      lease: plan.record,
    })
    if (done.ok && audit) {
      const data = { lease: plan.claims.jti, reused: done.reused }
      await recordAudit(ctx, { ...audit, target: license.id, data }, tx)
    }
    return done
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
  return { bundle, lease: plan.claims, device: result.device, reused: result.reused }
}

/**
 * Issues a fresh lease to a device that holds a seat, under the policy version its license
 * follows now and with the license's current features. The caller checked revocation.
 */
export async function renewSeat(
  ctx: ServerContext,
  input: { license: License; product: Product; device: Device; now: number },
  audit?: SeatAudit,
  inTransaction: <T>(work: (tx: Storage) => Promise<T>) => Promise<T> = (work) =>
    ctx.storage.transaction(work),
): Promise<Grant> {
  const { license, product, device, now } = input
  assertLicenseUsable(license, now)
  assertStoredFingerprint(device)
  const policy = await resolvePolicy(ctx.storage, license)
  const plan = planLease(ctx, {
    license,
    product,
    policy,
    deviceId: device.deviceId,
    fingerprint: device.fingerprint,
    now,
  })
  const result = await inTransaction(async (tx) => {
    const done = await tx.renewLease({
      licenseId: license.id,
      deviceId: device.deviceId,
      now,
      lease: plan.record,
    })
    if (done.ok && audit) {
      await recordAudit(ctx, { ...audit, target: license.id, data: { lease: plan.claims.jti } }, tx)
    }
    return done
  })
  if (!result.ok) throw new HttpProblem('DEVICE_NOT_FOUND', 'this device no longer holds a seat')
  const bundle = await issueBundle(ctx, { plan, license, device: result.device, policy, now })
  return { bundle, lease: plan.claims, device: result.device }
}

/**
 * A stored fingerprint a lease can carry (1..16 component hashes). Migration 0006 rewrote the
 * legacy form; anything still unusable is the device's to fix by activating again, not a 500.
 */
function assertStoredFingerprint(device: Device): void {
  const { fingerprint } = device
  if (fingerprint.length >= 1 && fingerprint.length <= MAX_COMPONENTS && fingerprint.every(isComponentHash))
    return
  throw new HttpProblem(
    'FINGERPRINT_UNUSABLE',
    'this device’s stored fingerprint cannot go into a lease; deactivate the device and activate it again',
  )
}
