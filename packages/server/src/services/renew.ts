import type { Bundle } from '@tessera/core'
import type { FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { HttpProblem } from '../http/problem.js'
import { openDeviceSession, refuseIfRevoked } from './device-session.js'
import { renewSeat } from './lease-grant.js'

export interface RenewBody {
  product: string
  license: string
  lease?: string
}

/**
 * Renewal: a device-signed request (fresh, single-use proof) → a fresh bundle under the policy
 * version the license follows now, with its current features. Revoked → 403 + signed receipt.
 */
export async function renew(ctx: ServerContext, request: FastifyRequest, body: RenewBody): Promise<Bundle> {
  const session = await openDeviceSession(ctx, request, body)
  try {
    await refuseIfRevoked(ctx, session, body.lease)
    if (session.device.status !== 'active')
      throw new HttpProblem('DEVICE_NOT_FOUND', 'this device gave its seat back')
    const audit = { actor: `device:${session.device.deviceId}`, action: 'device.renew' }
    const { bundle } = await renewSeat(ctx, session, audit)
    ctx.metrics.renewals.inc({ outcome: 'ok' })
    return bundle
  } catch (err) {
    ctx.metrics.renewals.inc({ outcome: err instanceof HttpProblem ? err.code.toLowerCase() : 'error' })
    throw err
  }
}
