/**
 * Storage of the license server: one interface (`Storage`), one Kysely query layer and one set of
 * migrations for SQLite (embedded default) and PostgreSQL (shared by stateless replicas).
 *
 * ```ts
 * const storage = await openStorage(process.env.TESSERA_DB ?? 'tessera-data/tessera.db')
 * const result = await storage.activateDevice({ licenseId, device, maxSeats: 5, now, lease })
 * if (!result.ok) reply(409, result.reason) // 'SEATS_EXHAUSTED' | 'DEVICE_REVOKED' | 'LICENSE_INACTIVE'
 * await storage.transaction(async (tx) => {
 *   const revocation = await tx.revokeLicense({ licenseId, reason: 'refund', now })
 *   await tx.appendAudit({ at: now, actor, action: 'license.revoke', target: licenseId, data: { seq: revocation.seq } }, hash)
 * })
 * // StorageError codes: STORAGE_UNAVAILABLE → 503 + Retry-After, STORAGE_CONFLICT → 409, STORAGE_NOT_FOUND → 404
 * ```
 * All timestamps are integer epoch seconds, passed in by the caller.
 */
export type {
  AdminStorage,
  AdminToken,
  AuditEntry,
  AuditHasher,
  AuditQuery,
  AuditRecord,
  Keyset,
} from './admin.js'
export type {
  Edition,
  NewPolicyVersion,
  Policy,
  PolicyStorage,
  PolicyVersion,
  Product,
  ProductPatch,
  ProductStorage,
  Rollout,
  RolloutInput,
  RolloutState,
} from './catalog.js'
export type { EpochSeconds, Json, JsonObject, Page } from './common-types.js'
export type { Dialect } from './context.js'
export type {
  ActivateInput,
  ActivationResult,
  Device,
  DeviceQuery,
  DeviceRef,
  DeviceRevocationInput,
  DeviceStatus,
  DeviceStorage,
  Lease,
  LeaseQuery,
  NewDevice,
  NewLease,
  ReleaseResult,
  RenewInput,
  RenewResult,
  TransferInput,
  TransferResult,
} from './devices.js'
export { isStorageError, StorageError, type StorageErrorCode } from './errors.js'
export type {
  License,
  LicensePatch,
  LicenseQuery,
  LicenseStatus,
  LicenseStorage,
  NewLicense,
  Revocation,
  RevocationKind,
  RevocationQuery,
  RevokeLicenseInput,
} from './licenses.js'
export type { NonceStorage } from './nonces.js'
export { openStorage } from './open-storage.js'
export type {
  RefusalCount,
  StaleSeat,
  StaleSeatQuery,
  StatsStorage,
  TelemetryFieldCount,
} from './stats.js'
export type { Storage } from './storage.js'
export type { TelemetryCount, TelemetryEvent, TelemetryRange, TelemetryStorage } from './telemetry.js'
