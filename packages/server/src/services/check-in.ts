import type { FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { admitOnFailure, admitted, authenticateDevice } from './device-session.js'
import { statusReceipt } from './issuance.js'
import { revokedState } from './revocation-state.js'

/** A cheap check-in: a signed status receipt (server time, revoked or not), no new lease. */
export async function checkIn(
  ctx: ServerContext,
  request: FastifyRequest,
  body: { product: string; license: string; lease?: string },
): Promise<string> {
  const session = await authenticateDevice(ctx, request, body)
  const revoked = await revokedState(ctx.storage, session.license, session.device, body.lease).catch((err) =>
    admitOnFailure(ctx, session, err),
  )
  // The admission (jti, license count) and the last-seen time: one write.
  await admitted(ctx, session, async (tx) => {
    if (session.device.status !== 'active') return
    await tx.touchDevice({
      licenseId: session.license.id,
      deviceId: session.device.deviceId,
      now: session.now,
    })
  })
  return statusReceipt(ctx, {
    license: session.license,
    deviceId: session.device.deviceId,
    now: session.now,
    ...(revoked ? { revoked } : {}),
    ...(body.lease ? { lease: body.lease } : {}),
  })
}
