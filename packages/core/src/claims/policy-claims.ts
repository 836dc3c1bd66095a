import type { ClaimsSchema } from './schema.js'

/** The tunable rules of a policy version. Durations in seconds. */
export interface PolicyParams {
  /** Longest offline period covered by a lease (lease exp - iat). */
  offlineWindow: number
  /** Renew this long after issuance. Must be below offlineWindow. */
  renewAfter: number
  /** Extra time after the offline window before the fallback applies. */
  grace: number
  /** After grace: keep essential features (`limited`) or deny. */
  fallback: 'limited' | 'deny'
  /** Lifetime of access tokens. */
  accessTokenTtl: number
  /** Devices that may hold a seat at once; 0 means the license's seat count. */
  maxDevices: number
  /** How many fingerprint components must match. */
  fingerprintMatch: number
  /** Transfers (seat moves) allowed per license, and the wait between two. */
  transfers: { max: number; cooldown: number }
  /** Expected interval between check-ins of an online client. */
  checkIn: number
}

/** An immutable, signed policy version. */
export interface PolicyClaims {
  v: 1
  iss: string
  /** Policy id. */
  pid: string
  /** Version, from 1. */
  ver: number
  iat: number
  prm: PolicyParams
}

export const POLICY_PARAMS_SCHEMA: ClaimsSchema = {
  offlineWindow: { type: 'int', min: 60 },
  renewAfter: { type: 'int', min: 0 },
  grace: { type: 'int', min: 0 },
  fallback: { type: 'string', values: ['limited', 'deny'] },
  accessTokenTtl: { type: 'int', min: 60 },
  maxDevices: { type: 'int' },
  fingerprintMatch: { type: 'int', min: 1 },
  transfers: { type: 'object', fields: { max: { type: 'int' }, cooldown: { type: 'int' } } },
  checkIn: { type: 'int', min: 60 },
}

export const POLICY_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  iss: { type: 'string' },
  pid: { type: 'string' },
  ver: { type: 'int', min: 1 },
  iat: { type: 'int' },
  prm: { type: 'object', fields: POLICY_PARAMS_SCHEMA },
}
