import {
  assertIssuable,
  isTesseraError,
  type OfflineResponseClaims,
  type VerifiedOfflineRequest,
  verifyOfflineRequest,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type { ServerContext } from '../../context.js'
import { HttpProblem } from '../../http/problem.js'
import type { AdminToken, License, Product } from '../../storage/index.js'
import { refuseIfRevoked, refuseRevokedActivation } from '../device-session.js'
import { newId } from '../ids.js'
import { type Grant, grantSeat, renewSeat } from '../lease-grant.js'
import { loadLicenseByKeyHash } from '../license-checks.js'
import { auditOperator } from './operator-audit.js'

/**
 * Answers an air-gapped request file: the request proves possession of the device key it
 * carries; the license is found by the hash of its key (the key itself never travels in a file).
 * The device then gets a seat or a renewal through the same seat and lease rules as online, and
 * the bundle goes back inside a response signed by a status key, bound to the device and to the
 * request, so it is useless on any other machine or for any other request. No time checks on the
 * request: it may have been carried for days, and the machine's clock is not trusted.
 */
export async function respondOffline(
  ctx: ServerContext,
  operator: AdminToken,
  token: string,
): Promise<string> {
  const request = verifyRequest(token)
  const { claims, deviceId } = request
  const { license, product } = await loadLicenseByKeyHash(ctx, claims.lkh, claims.aud)
  const now = ctx.now()
  const grant =
    claims.kind === 'activate'
      ? await activate(ctx, request, license, product, now)
      : await renew(ctx, deviceId, license, product, now)
  const response: OfflineResponseClaims = {
    v: 1,
    iss: ctx.keyring.issuer,
    aud: deviceId,
    req: claims.jti,
    iat: now,
    jti: newId('ofr', ctx.random),
    bnd: grant.bundle as unknown as Record<string, unknown>,
  }
  assertIssuable('offlineResponse', response)
  const signed = await ctx.keyring.sign('offlineResponse', response)
  await auditOperator(ctx, operator, `offline.${claims.kind}`, license.id, {
    device: deviceId,
    request: claims.jti,
    lease: grant.lease.jti,
  })
  return signed
}

function verifyRequest(token: string): VerifiedOfflineRequest {
  try {
    // Core checks the fingerprint too: 1..16 component hashes of 6 characters.
    return verifyOfflineRequest(token, nodeCrypto)
  } catch (err) {
    throw new HttpProblem(
      'OFFLINE_REQUEST_INVALID',
      `the offline request does not verify (${isTesseraError(err) ? err.code : 'invalid'})`,
    )
  }
}

async function activate(
  ctx: ServerContext,
  request: VerifiedOfflineRequest,
  license: License,
  product: Product,
  now: number,
): Promise<Grant> {
  await refuseRevokedActivation(ctx, license, request.deviceId)
  return grantSeat(ctx, {
    license,
    product,
    deviceKey: request.deviceKey,
    deviceId: request.deviceId,
    fingerprint: request.claims.hwf,
    now,
  })
}

/** A renewal needs the device's seat; a revoked license or device answers 403 with a signed status. */
async function renew(
  ctx: ServerContext,
  deviceId: string,
  license: License,
  product: Product,
  now: number,
): Promise<Grant> {
  const device = await ctx.storage.getDevice(license.id, deviceId)
  if (!device) throw new HttpProblem('DEVICE_NOT_FOUND', 'this device holds no seat on that license')
  try {
    await refuseIfRevoked(ctx, { license, device, now })
    if (device.status !== 'active')
      throw new HttpProblem('DEVICE_NOT_FOUND', 'this device gave its seat back')
    const grant = await renewSeat(ctx, { license, product, device, now })
    ctx.metrics.renewals.inc({ outcome: 'ok' })
    return grant
  } catch (err) {
    ctx.metrics.renewals.inc({ outcome: err instanceof HttpProblem ? err.code.toLowerCase() : 'error' })
    throw err
  }
}
