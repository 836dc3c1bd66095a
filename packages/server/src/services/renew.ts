import type { Bundle } from '@tessera/core'
import type { FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { HttpProblem } from '../http/problem.js'
import type { Storage } from '../storage/index.js'
import {
  admitOnFailure,
  admitted,
  authenticateDevice,
  type DeviceSession,
  refuseIfRevoked,
} from './device-session.js'
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
  const session = await authenticateDevice(ctx, request, body)
  try {
    const bundle = await renewSession(ctx, session, body.lease).catch((err) =>
      admitOnFailure(ctx, session, err),
    )
    ctx.metrics.renewals.inc({ outcome: 'ok' })
    return bundle
  } catch (err) {
    ctx.metrics.renewals.inc({ outcome: err instanceof HttpProblem ? err.code.toLowerCase() : 'error' })
    throw err
  }
}

async function renewSession(ctx: ServerContext, session: DeviceSession, lease?: string): Promise<Bundle> {
  await refuseIfRevoked(ctx, session, lease)
  if (session.device.status !== 'active')
    throw new HttpProblem('DEVICE_NOT_FOUND', 'this device gave its seat back')
  const audit = { actor: `device:${session.device.deviceId}`, action: 'device.renew' }
  // The admission (jti, license count) commits with the new lease and its audit row.
  const inTransaction = <T>(work: (tx: Storage) => Promise<T>) => admitted(ctx, session, work)
  const { bundle } = await renewSeat(ctx, session, audit, inTransaction)
  return bundle
}
