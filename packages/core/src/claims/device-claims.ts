import type { ClaimsSchema } from './schema.js'

/**
 * Device proof of possession (like DPoP, RFC 9449): a renewal or deactivation request signed by
 * the device key, bound to the method, path, body and a time window; `jti` is single-use.
 */
export interface ProofClaims {
  v: 1
  /** HTTP method. */
  htm: string
  /** Request path, e.g. /v1/renew. */
  htu: string
  iat: number
  jti: string
  /** SHA-256 of the request body, base64url. */
  bdh: string
  /** Server nonce, when the endpoint issued one. */
  non?: string
}

export const PROOF_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  htm: { type: 'string', max: 8 },
  htu: { type: 'string', max: 256 },
  iat: { type: 'int' },
  jti: { type: 'string', max: 64 },
  bdh: { type: 'string', max: 43 },
  non: { type: 'string', required: false, max: 64 },
}

/** Air-gapped activation or renewal request, carried to the operator as a file. */
export interface OfflineRequestClaims {
  v: 1
  /** Product id. */
  aud: string
  kind: 'activate' | 'renew'
  iat: number
  jti: string
  /** SHA-256 (base64url) of the normalized license key: the key itself never goes in a file. */
  lkh: string
  /** Device public key. */
  jwk: Record<string, string>
  /** Salted hardware fingerprint component hashes, 1..16 of 6 characters (device/fingerprint.ts). */
  hwf: string[]
  /** App version, for compatibility checks on the server. */
  app?: string
}

export const OFFLINE_REQUEST_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  aud: { type: 'string' },
  kind: { type: 'string', values: ['activate', 'renew'] },
  iat: { type: 'int' },
  jti: { type: 'string', max: 64 },
  lkh: { type: 'string', max: 43 },
  jwk: { type: 'json' },
  hwf: { type: 'strings', max: 16 },
  app: { type: 'string', required: false, max: 32 },
}

/** The operator's signed answer to an offline request: the bundle, bound to the request. */
export interface OfflineResponseClaims {
  v: 1
  iss: string
  /** Device id the response is for. */
  aud: string
  /** jti of the request it answers. */
  req: string
  iat: number
  jti: string
  /** The token bundle (see Bundle). */
  bnd: Record<string, unknown>
}

export const OFFLINE_RESPONSE_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  iss: { type: 'string' },
  aud: { type: 'string', max: 43 },
  req: { type: 'string', max: 64 },
  iat: { type: 'int' },
  jti: { type: 'string' },
  bnd: { type: 'json' },
}
