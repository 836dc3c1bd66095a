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
}

export interface DeviceRecord {
  deviceId: string
  status: string
  activatedAt?: number
  lastSeenAt?: number
  revokedReason: string | null
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
    devices: listOf(o.devices).map((d) => {
      const x = obj(d)
      return {
        deviceId: str(x.deviceId) ?? '',
        status: str(x.status) ?? 'unknown',
        activatedAt: num(x.activatedAt),
        lastSeenAt: num(x.lastSeenAt),
        revokedReason: str(x.revokedReason) ?? null,
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
