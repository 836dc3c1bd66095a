import type { EpochSeconds, JsonObject, Page } from './common-types.js'
import type { License, Revocation } from './licenses.js'

export type DeviceStatus = 'active' | 'deactivated' | 'revoked'

/** An install bound to a license, identified by its device key's thumbprint. Holds a seat while active. */
export interface Device {
  licenseId: string
  /** JWK thumbprint of the device key. */
  deviceId: string
  publicJwk: JsonObject
  /** Hashed hardware fingerprint components (matched k-of-n by the service). */
  fingerprint: string[]
  status: DeviceStatus
  revokedReason: string | null
  activatedAt: EpochSeconds
  lastSeenAt: EpochSeconds
  deactivatedAt: EpochSeconds | null
}

export interface NewDevice {
  deviceId: string
  publicJwk: JsonObject
  fingerprint: string[]
}

/** A record of an issued lease (the signed token itself is not stored). */
export interface Lease {
  jti: string
  licenseId: string
  deviceId: string
  policyId: string
  policyVersion: number
  issuedAt: EpochSeconds
  expiresAt: EpochSeconds
  revokedAt: EpochSeconds | null
}

export type NewLease = Omit<Lease, 'licenseId' | 'deviceId' | 'revokedAt'>

export interface ActivateInput {
  licenseId: string
  device: NewDevice
  /** Seats allowed right now (the service derives it from license and policy). */
  maxSeats: number
  now: EpochSeconds
  /** The lease issued with this activation, recorded in the same transaction. */
  lease: NewLease
}

export type ActivationResult =
  | { ok: true; device: Device; lease: Lease; reused: boolean }
  | { ok: false; reason: 'SEATS_EXHAUSTED' | 'DEVICE_REVOKED' | 'LICENSE_INACTIVE' }

export interface RenewInput {
  licenseId: string
  deviceId: string
  now: EpochSeconds
  lease: NewLease
}

export type RenewResult =
  | { ok: true; device: Device; lease: Lease }
  | { ok: false; reason: 'DEVICE_INACTIVE' | 'LICENSE_INACTIVE' }

export interface DeviceRef {
  licenseId: string
  deviceId: string
  now: EpochSeconds
}

export interface DeviceRevocationInput extends DeviceRef {
  reason: string
}

export interface ReleaseResult {
  device: Device
  /** One `lease` entry per unexpired lease of the device, now revoked. */
  revocations: Revocation[]
}

export interface TransferInput {
  licenseId: string
  fromDeviceId: string
  now: EpochSeconds
  /** Transfers allowed over the license's life (Infinity for no limit). */
  maxTransfers: number
  /** Seconds required since the previous transfer (0 for none). */
  cooldownSeconds: number
  /** Reason recorded on the revocations of the old device's leases. Default 'transfer'. */
  reason?: string
}

export type TransferResult =
  | { ok: true; license: License; device: Device; revocations: Revocation[] }
  | { ok: false; reason: 'TRANSFER_LIMIT' }
  | { ok: false; reason: 'TRANSFER_COOLDOWN'; retryAt: EpochSeconds }

export interface DeviceQuery {
  /**
   * Devices whose id starts with this exact (case-sensitive) text, or every device of the license
   * whose id is exactly this text.
   */
  search?: string
  /** Only devices of this license. */
  licenseId?: string
  status?: DeviceStatus
}

export interface LeaseQuery {
  licenseId: string
  deviceId?: string
  /** Newest first; default: all of them. */
  limit?: number
}

/**
 * Devices, seats and leases. Every method that changes seats locks the license first (row lock on
 * PostgreSQL, the write lock on SQLite), so seat counts hold across replicas and processes.
 */
export interface DeviceStorage {
  /**
   * Atomically: an already-active device is refreshed (last_seen_at) and keeps its seat
   * (`reused: true`); otherwise the device takes a seat only if fewer than `maxSeats` are active.
   * The lease row is inserted in the same transaction. STORAGE_NOT_FOUND for an unknown license.
   */
  activateDevice(input: ActivateInput): Promise<ActivationResult>
  /** Records a renewal lease only while license and device are active (no lease after a revocation). */
  renewLease(input: RenewInput): Promise<RenewResult>
  getDevice(licenseId: string, deviceId: string): Promise<Device | undefined>
  listDevices(licenseId: string, status?: DeviceStatus): Promise<Device[]>
  countActiveDevices(licenseId: string): Promise<number>
  /** Updates last_seen_at (seconds). STORAGE_NOT_FOUND when the device is unknown. */
  touchDevice(ref: DeviceRef): Promise<void>
  /** The device gave its seat back itself (signed receipt): no revocation entry. Idempotent. */
  deactivateDevice(ref: DeviceRef): Promise<Device>
  /** The operator frees the seat: device deactivated, its unexpired leases revoked and published. */
  releaseSeat(input: DeviceRevocationInput): Promise<ReleaseResult>
  /** The device may never come back: status revoked, leases revoked, one `device` entry. Idempotent. */
  revokeDevice(input: DeviceRevocationInput): Promise<Revocation>
  /** Checks the transfer limit and cool-down, counts the transfer and releases the old device's seat. */
  recordTransfer(input: TransferInput): Promise<TransferResult>
  /** Most recently seen first (then license id, device id). */
  searchDevices(query: DeviceQuery & Page): Promise<Device[]>
  countDevices(query: DeviceQuery): Promise<number>
  /** Every license a device id is registered on (one row each), most recently seen first. */
  findDevice(deviceId: string): Promise<Device[]>
  getLease(jti: string): Promise<Lease | undefined>
  /** Newest first. */
  listLeases(query: LeaseQuery): Promise<Lease[]>
  /** Revokes one lease and publishes it. Idempotent. */
  revokeLease(input: { jti: string; reason: string; now: EpochSeconds }): Promise<Revocation>
}
