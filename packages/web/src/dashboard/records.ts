/**
 * Licenses and policies as the operator API answers them (packages/server/src/services/admin/views.ts),
 * read defensively: a missing member is undefined rather than a crash.
 */
export interface LicenseRecord {
  id: string
  productId?: string
  policyId?: string
  /** The policy version this license follows now (detail only). */
  policyVersion?: number
  edition?: string
  features?: string[]
  seats?: number
  /** Seats held by active devices (detail only). */
  seatsInUse?: number
  status: string
  revokedReason: string | null
  ownerRef?: string
  keyHint?: string
  expiresAt: number | null
  createdAt?: number
  devices: DeviceRecord[]
  /** The newest leases (detail only). */
  leases: LeaseRecord[]
}

export interface DeviceRecord {
  deviceId: string
  /** Set in device search results (a device's seat on one license). */
  licenseId?: string
  status: string
  activatedAt?: number
  lastSeenAt?: number
  deactivatedAt?: number
  fingerprintComponents?: number
  revokedReason: string | null
}

export interface LeaseRecord {
  jti: string
  deviceId: string
  policyVersion?: number
  issuedAt?: number
  /** End of the lease's grace period. */
  expiresAt?: number
  revokedAt: number | null
}

export interface RevocationRecord {
  seq?: number
  reason: string
  createdAt?: number
}

/** `GET /v1/admin/devices/:id`: the device on each license it is registered on. */
export interface DeviceDetailRecord {
  deviceId: string
  lastSeenAt?: number
  bindings: {
    license: LicenseRecord
    device: DeviceRecord
    leases: LeaseRecord[]
    revocation: RevocationRecord | null
  }[]
}

export interface PolicyVersionRecord {
  version: number
  params: Record<string, unknown>
  createdAt?: number
  /** Licenses that follow this version now. */
  licenses?: number
}

export interface RolloutRecord {
  fromVersion: number
  toVersion: number
  percent: number
  state: string
  updatedAt?: number
}

export interface PolicyRecord {
  id: string
  productId?: string
  name?: string
  versions: PolicyVersionRecord[]
  rollout: RolloutRecord | null
}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {})
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

/** A list answer: `{ licenses: [] }`, `{ policies: [] }`, `{ rows: [] }` (named), or a bare array. */
export function listOf(raw: unknown, ...names: string[]): unknown[] {
  if (Array.isArray(raw)) return raw
  const o = obj(raw)
  for (const name of [...names, 'items']) if (Array.isArray(o[name])) return o[name] as unknown[]
  return []
}

export function toLicense(raw: unknown): LicenseRecord {
  const o = obj(raw)
  return {
    id: str(o.id) ?? '',
    productId: str(o.productId),
    policyId: str(o.policyId),
    policyVersion: num(o.policyVersion),
    edition: str(o.edition),
    features: Array.isArray(o.features) ? o.features.map(String) : undefined,
    seats: num(o.seats),
    seatsInUse: num(o.seatsInUse),
    status: str(o.status) ?? 'unknown',
    revokedReason: str(o.revokedReason) ?? null,
    ownerRef: str(o.ownerRef),
    keyHint: str(o.keyHint),
    expiresAt: num(o.expiresAt) ?? null,
    createdAt: num(o.createdAt),
    devices: listOf(o.devices).map(toDevice),
    leases: listOf(o.leases).map(toLease),
  }
}

export function toDevice(raw: unknown): DeviceRecord {
  const x = obj(raw)
  return {
    deviceId: str(x.deviceId) ?? '',
    licenseId: str(x.licenseId),
    status: str(x.status) ?? 'unknown',
    activatedAt: num(x.activatedAt),
    lastSeenAt: num(x.lastSeenAt),
    deactivatedAt: num(x.deactivatedAt),
    fingerprintComponents: num(x.fingerprintComponents),
    revokedReason: str(x.revokedReason) ?? null,
  }
}

export function toLease(raw: unknown): LeaseRecord {
  const x = obj(raw)
  return {
    jti: str(x.jti) ?? '',
    deviceId: str(x.deviceId) ?? '',
    policyVersion: num(x.policyVersion),
    issuedAt: num(x.issuedAt),
    expiresAt: num(x.expiresAt),
    revokedAt: num(x.revokedAt) ?? null,
  }
}

export function toDeviceDetail(raw: unknown): DeviceDetailRecord {
  const o = obj(raw)
  return {
    deviceId: str(o.deviceId) ?? '',
    lastSeenAt: num(o.lastSeenAt),
    bindings: listOf(o.bindings).map((b) => {
      const x = obj(b)
      const r = obj(x.revocation)
      return {
        license: toLicense(x.license),
        device: toDevice(x.device),
        leases: listOf(x.leases).map(toLease),
        revocation:
          str(r.reason) !== undefined
            ? { seq: num(r.seq), reason: str(r.reason)!, createdAt: num(r.createdAt) }
            : null,
      }
    }),
  }
}

export function toPolicy(raw: unknown): PolicyRecord {
  const o = obj(raw)
  const rollout = obj(o.rollout)
  return {
    id: str(o.id) ?? '',
    productId: str(o.productId),
    name: str(o.name),
    versions: listOf(o.versions)
      .map((v) => {
        const x = obj(v)
        return {
          version: num(x.version) ?? 0,
          params: obj(x.params),
          createdAt: num(x.createdAt),
          licenses: num(x.licenses),
        }
      })
      .sort((a, b) => a.version - b.version),
    rollout:
      num(rollout.toVersion) !== undefined
        ? {
            fromVersion: num(rollout.fromVersion) ?? 0,
            toVersion: num(rollout.toVersion)!,
            percent: num(rollout.percent) ?? 0,
            state: str(rollout.state) ?? 'active',
            updatedAt: num(rollout.updatedAt),
          }
        : null,
  }
}
