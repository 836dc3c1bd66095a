import { COMPONENT_HASH_LENGTH, MAX_COMPONENTS } from '../device/fingerprint.js'
import type { ClaimsSchema } from './schema.js'

/**
 * What the holder of a device may do, offline, until `exp` (+ grace). Times in epoch seconds.
 * Compact by design (the lease travels in every bundle and is parsed on every start): no `v` (the
 * format version is the `typ`; a new format gets a new typ), no `iss` (the issuer is the key set
 * that holds the signing key), defaults left out.
 */
export interface LeaseClaims {
  /** License id (opaque). */
  sub: string
  /** Product id. */
  aud: string
  /** Lease id. */
  jti: string
  iat: number
  /** Not before; absent means `iat` (saves bytes in the common case). */
  nbf?: number
  /** End of the offline window. */
  exp: number
  /** Renew from this time on. */
  ren: number
  /** Grace ends; afterwards the fallback applies. */
  grc: number
  /**
   * Longest time, seconds, since the last trusted contact before the offline window closes;
   * absent means `exp - iat`.
   */
  ofw?: number
  /** Edition id. */
  edn: string
  /** Feature ids granted. */
  fts: string[]
  /** Essential features kept in limited mode. */
  ess: string[]
  /** What happens after grace: absent means `limited` (keep essential features); `deny` ends access. */
  fbk?: 'deny'
  /** Device key confirmation: RFC 7638 thumbprint of the device public key. */
  cnf: { jkt: string }
  /**
   * Hardware fingerprint: `c` is 1..16 salted component hashes of 6 characters each, concatenated
   * (see device/fingerprint.ts); `k` of them must match.
   */
  hwf: { k: number; c: string }
  /** Highest app version the license covers (semver), absent when any. */
  vmx?: string
  /** Numeric limits, e.g. { seats: 5 }. */
  lim?: Record<string, number>
}

export const LEASE_SCHEMA: ClaimsSchema = {
  sub: { type: 'string' },
  aud: { type: 'string' },
  jti: { type: 'string' },
  iat: { type: 'int' },
  nbf: { type: 'int', required: false },
  exp: { type: 'int' },
  ren: { type: 'int' },
  grc: { type: 'int' },
  ofw: { type: 'int', required: false },
  edn: { type: 'string', max: 64 },
  fts: { type: 'strings' },
  ess: { type: 'strings' },
  fbk: { type: 'string', required: false, values: ['deny'] },
  cnf: { type: 'object', fields: { jkt: { type: 'string', max: 43 } } },
  hwf: {
    type: 'object',
    fields: { k: { type: 'int' }, c: { type: 'string', max: COMPONENT_HASH_LENGTH * MAX_COMPONENTS } },
  },
  vmx: { type: 'string', required: false, max: 32 },
  lim: { type: 'json', required: false },
}

/** When the lease starts to be valid: `nbf`, or `iat` when absent. */
export function leaseNotBefore(lease: LeaseClaims): number {
  return lease.nbf ?? lease.iat
}

/** The offline window in seconds: `ofw`, or `exp - iat` when absent. */
export function leaseOfflineWindow(lease: LeaseClaims): number {
  return lease.ofw ?? lease.exp - lease.iat
}

/** What applies after grace: `fbk`, or `limited` when absent. */
export function leaseFallback(lease: LeaseClaims): 'limited' | 'deny' {
  return lease.fbk ?? 'limited'
}
