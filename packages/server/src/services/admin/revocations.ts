import type { ServerContext } from '../../context.js'
import { HttpProblem } from '../../http/problem.js'
import type { AdminToken, Device } from '../../storage/index.js'
import { requireLicense } from './licenses.js'
import { auditOperator } from './operator-audit.js'
import { deviceView, revocationView } from './views.js'

/**
 * Revokes a license for good: online devices lock at their next contact, offline ones at their
 * lease's grace end. Idempotent: revoking again answers the first revocation.
 */
export async function revokeLicense(ctx: ServerContext, operator: AdminToken, id: string, reason: string) {
  const license = await requireLicense(ctx, id)
  const revocation = await ctx.storage.revokeLicense({ licenseId: id, reason, now: ctx.now() })
  if (license.status !== 'revoked') {
    ctx.metrics.revocations.inc({ kind: 'license' })
    await auditOperator(ctx, operator, 'license.revoke', id, { reason, seq: revocation.seq })
  }
  return { revocation: revocationView(revocation) }
}

/** The device may never come back on this license (stolen, cloned); its seat is freed. */
export async function revokeDevice(
  ctx: ServerContext,
  operator: AdminToken,
  licenseId: string,
  deviceId: string,
  reason: string,
) {
  const device = await requireDevice(ctx, licenseId, deviceId)
  const revocation = await ctx.storage.revokeDevice({ licenseId, deviceId, reason, now: ctx.now() })
  if (device.status !== 'revoked') {
    ctx.metrics.revocations.inc({ kind: 'device' })
    await auditOperator(ctx, operator, 'device.revoke', licenseId, {
      device: deviceId,
      reason,
      seq: revocation.seq,
    })
  }
  return { revocation: revocationView(revocation) }
}

/**
 * Operator-side seat release (a lost or broken machine that cannot deactivate itself): the seat is
 * free at once and the device's unexpired leases are revoked and published; the device may
 * activate again later, unlike a revoked one.
 */
export async function releaseDevice(
  ctx: ServerContext,
  operator: AdminToken,
  licenseId: string,
  deviceId: string,
  reason: string,
) {
  await requireDevice(ctx, licenseId, deviceId)
  const result = await ctx.storage.releaseSeat({ licenseId, deviceId, reason, now: ctx.now() })
  if (result.revocations.length > 0) ctx.metrics.revocations.inc({ kind: 'lease' }, result.revocations.length)
  await auditOperator(ctx, operator, 'device.release', licenseId, {
    device: deviceId,
    reason,
    leases: result.revocations.map((r) => r.targetId),
  })
  return { device: deviceView(result.device), revocations: result.revocations.map(revocationView) }
}

/** Revokes one lease (e.g. a copied store), leaving the device and the license alone. */
export async function revokeLease(ctx: ServerContext, operator: AdminToken, jti: string, reason: string) {
  const lease = await ctx.storage.getLease(jti)
  if (!lease) throw new HttpProblem('NOT_FOUND', 'no such lease')
  const revocation = await ctx.storage.revokeLease({ jti, reason, now: ctx.now() })
  if (lease.revokedAt === null) {
    ctx.metrics.revocations.inc({ kind: 'lease' })
    await auditOperator(ctx, operator, 'lease.revoke', lease.licenseId, {
      lease: jti,
      reason,
      seq: revocation.seq,
    })
  }
  return { revocation: revocationView(revocation) }
}

async function requireDevice(ctx: ServerContext, licenseId: string, deviceId: string): Promise<Device> {
  await requireLicense(ctx, licenseId)
  const device = await ctx.storage.getDevice(licenseId, deviceId)
  if (!device) throw new HttpProblem('DEVICE_NOT_FOUND', 'this device holds no seat on that license')
  return device
}
