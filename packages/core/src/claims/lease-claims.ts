import type { ClaimsSchema } from './schema.js'

/** What the holder of a device may do, offline, until `exp` (+ grace). Times in epoch seconds. */
export interface LeaseClaims {
  /** Format version, 1. */
  v: 1
  iss: string
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
  /** What happens after grace: keep essential features, or deny. */
  fbk: 'limited' | 'deny'
  /** Policy id and version, "pol_x/3". */
  pol: string
  /** Device key confirmation: RFC 7638 thumbprint of the device public key. */
  cnf: { jkt: string }
  /** Hardware fingerprint: salted component hashes, k of which must match. */
  hwf: { k: number; c: string[] }
  /** Highest app version the license covers (semver), absent when any. */
  vmx?: string
  /** Numeric limits, e.g. { seats: 5 }. */
  lim?: Record<string, number>
}

export const LEASE_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  iss: { type: 'string' },
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
  fbk: { type: 'string', values: ['limited', 'deny'] },
  pol: { type: 'string' },
  cnf: { type: 'object', fields: { jkt: { type: 'string', max: 43 } } },
  hwf: {
    type: 'object',
    fields: { k: { type: 'int' }, c: { type: 'strings', max: 16 } },
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
