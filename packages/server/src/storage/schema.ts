/**
 * Row shapes as stored, shared by both dialects. Dialect differences are kept out of the rows:
 * JSON is stored as text (JSON.stringify), timestamps as integer epoch seconds (bigint on
 * PostgreSQL, parsed to number by the pool), no booleans, no auto-increment columns.
 */

export interface ProductRow {
  id: string
  name: string
  features: string
  essential: string
  created_at: number
}

export interface EditionRow {
  product_id: string
  id: string
  features: string
}

export interface PolicyRow {
  id: string
  product_id: string
  name: string
  created_at: number
}

export interface PolicyVersionRow {
  policy_id: string
  version: number
  params: string
  created_at: number
}

export interface RolloutRow {
  policy_id: string
  from_version: number
  to_version: number
  percent: number
  state: string
  updated_at: number
}

export interface LicenseRow {
  id: string
  product_id: string
  policy_id: string
  key_hash: string
  key_hint: string
  owner_ref: string
  edition: string
  features: string
  seats: number
  expires_at: number | null
  status: string
  revoked_reason: string | null
  transfers_used: number
  last_transfer_at: number | null
  created_at: number
}

export interface DeviceRow {
  license_id: string
  device_id: string
  public_jwk: string
  fingerprint: string
  status: string
  revoked_reason: string | null
  activated_at: number
  last_seen_at: number
  deactivated_at: number | null
}

export interface LeaseRow {
  jti: string
  license_id: string
  device_id: string
  policy_id: string
  policy_version: number
  issued_at: number
  expires_at: number
  revoked_at: number | null
}

export interface RevocationRow {
  seq: number
  kind: string
  target_id: string
  license_id: string
  product_id: string
  reason: string
  created_at: number
}

export interface NonceRow {
  value: string
  purpose: string
  expires_at: number
}

export interface RateLimitRow {
  bucket: string
  window_start: number
  expires_at: number
  count: number
}

export interface AdminTokenRow {
  id: string
  token_hash: string
  scopes: string
  label: string
  created_at: number
  revoked_at: number | null
}

export interface AuditRow {
  seq: number
  at: number
  actor: string
  action: string
  target: string
  data: string
  prev_hash: string | null
  hash: string
}

export interface TelemetryRow {
  id: string
  device_hash: string
  product_id: string
  type: string
  at: number
  data: string
  received_at: number
}

export interface RefusalRow {
  /** Start of the UTC day, epoch seconds. */
  day: number
  code: string
  count: number
}

export interface KeysetRow {
  version: number
  token: string
  created_at: number
}

export interface SettingRow {
  key: string
  value: string
}

export interface MigrationRow {
  name: string
  applied_at: number
}

export interface Database {
  products: ProductRow
  editions: EditionRow
  policies: PolicyRow
  policy_versions: PolicyVersionRow
  rollouts: RolloutRow
  licenses: LicenseRow
  devices: DeviceRow
  leases: LeaseRow
  revocations: RevocationRow
  nonces: NonceRow
  rate_limits: RateLimitRow
  admin_tokens: AdminTokenRow
  audit_log: AuditRow
  telemetry_events: TelemetryRow
  refusals: RefusalRow
  keysets: KeysetRow
  settings: SettingRow
  tessera_migrations: MigrationRow
}
