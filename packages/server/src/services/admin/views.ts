import type { PolicyParams } from '@tessera/core'
import type {
  AdminToken,
  Device,
  Lease,
  License,
  Policy,
  PolicyVersion,
  Revocation,
  Rollout,
} from '../../storage/index.js'

/**
 * What the operator API shows of stored records. Deliberately omitted: key hashes, admin token
 * hashes and device public keys (nothing an operator needs, nothing to leak).
 */
export const licenseView = (l: License) => ({
  id: l.id,
  productId: l.productId,
  policyId: l.policyId,
  keyHint: l.keyHint,
  ownerRef: l.ownerRef,
  edition: l.edition,
  features: l.features,
  seats: l.seats,
  expiresAt: l.expiresAt,
  status: l.status,
  revokedReason: l.revokedReason,
  transfersUsed: l.transfersUsed,
  lastTransferAt: l.lastTransferAt,
  createdAt: l.createdAt,
})

export const deviceView = (d: Device) => ({
  deviceId: d.deviceId,
  status: d.status,
  fingerprintComponents: d.fingerprint.length,
  activatedAt: d.activatedAt,
  lastSeenAt: d.lastSeenAt,
  deactivatedAt: d.deactivatedAt,
  revokedReason: d.revokedReason,
})

export const leaseView = (l: Lease) => ({
  jti: l.jti,
  deviceId: l.deviceId,
  policyId: l.policyId,
  policyVersion: l.policyVersion,
  issuedAt: l.issuedAt,
  expiresAt: l.expiresAt,
  revokedAt: l.revokedAt,
})

export const revocationView = (r: Revocation) => ({ ...r })

export const tokenView = (t: AdminToken) => ({
  id: t.id,
  label: t.label,
  scopes: t.scopes,
  createdAt: t.createdAt,
  revokedAt: t.revokedAt,
})

export const rolloutView = (r: Rollout | undefined) => (r ? { ...r } : null)

export const versionView = (v: PolicyVersion, licenses?: number) => ({
  version: v.version,
  params: v.params as unknown as PolicyParams,
  createdAt: v.createdAt,
  ...(licenses !== undefined ? { licenses } : {}),
})

export const policyView = (p: Policy, latestVersion: number, rollout: Rollout | undefined) => ({
  id: p.id,
  productId: p.productId,
  name: p.name,
  createdAt: p.createdAt,
  latestVersion,
  rollout: rolloutView(rollout),
})
