// Shared fixtures of the JWS-layer vectors: one valid lease and helpers to re-sign it differently.
import { LEASE_KEY, leaseClaims } from '../../packages/core/src/test-support/factory.js'
import { leaseToken, type Vector, vector } from './common.js'
import { compact, parts, type Signer } from './jws.js'

export const TYP = 'tessera-lease+jwt'
export const CLAIMS = leaseClaims()
export const PAYLOAD = JSON.stringify(CLAIMS)
export const GOOD = leaseToken(CLAIMS)
export const [H, P, S] = parts(GOOD)

/** A vector presenting `token` as a lease. */
export const lease = (name: string, token: unknown, expect: Vector['expect'], description?: string): Vector =>
  vector({ name, kind: 'lease', ...(description ? { description } : {}), token, expect })

/** The valid lease payload under an arbitrary header object (members in the given order). */
export const withHeader = (header: object, signer: Signer = LEASE_KEY) =>
  compact(JSON.stringify(header), PAYLOAD, signer)
