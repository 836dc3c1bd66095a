import type { RevocationKind } from '@tessera/core'
import { HttpProblem } from '../http/problem.js'
import type { Device, License, Storage } from '../storage/index.js'

export interface RevokedInfo {
  kind: RevocationKind
  at: number
  reason: string
}

/**
 * Whether the license, the device or the named lease is revoked, and since when: what a status
 * receipt must say. The license wins over the device, the device over the lease. A named lease
 * that belongs to another license or device is refused (404 NOT_FOUND); an unknown one is ignored,
 * so a lost lease record never locks a device out.
 */
export async function revokedState(
  storage: Storage,
  license: License,
  device: Device | undefined,
  leaseJti: string | undefined,
): Promise<RevokedInfo | null> {
  if (license.status === 'revoked')
    return entry(storage, license, 'license', license.id, license.revokedReason)
  if (device?.status === 'revoked')
    return entry(storage, license, 'device', device.deviceId, device.revokedReason)
  if (leaseJti) {
    const lease = await storage.getLease(leaseJti)
    if (lease && (lease.licenseId !== license.id || (device && lease.deviceId !== device.deviceId))) {
      throw new HttpProblem('NOT_FOUND', 'no such lease for this device and license')
    }
    if (lease?.revokedAt != null) {
      return entry(storage, license, 'lease', lease.jti, null, lease.revokedAt)
    }
  }
  return null
}

async function entry(
  storage: Storage,
  license: License,
  kind: RevocationKind,
  targetId: string,
  reason: string | null,
  at?: number,
): Promise<RevokedInfo> {
  const row = await storage.getRevocation(kind, license.id, targetId)
  return { kind, at: row?.createdAt ?? at ?? 0, reason: row?.reason ?? reason ?? 'revoked' }
}
