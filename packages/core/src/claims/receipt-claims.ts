import type { ClaimsSchema } from './schema.js'

export type RevocationKind = 'license' | 'device' | 'lease'

/** Signed server time plus the license/device state as of that time: returned at every contact. */
export interface StatusClaims {
  v: 1
  iss: string
  /** Product id. */
  aud: string
  /** License id. */
  sub: string
  /** Device id (key thumbprint). */
  dev: string
  /** Server time of the contact. */
  iat: number
  jti: string
  /** Revocation list sequence as of iat. */
  rsq: number
  sts: 'good' | 'revoked'
  /** Present when sts is revoked. */
  rvk?: { k: RevocationKind; at: number; rsn: string }
  /** The lease this receipt vouches for. */
  lea?: string
  /** Echo of the client's nonce, when it sent one. */
  non?: string
}

export const STATUS_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  iss: { type: 'string' },
  aud: { type: 'string' },
  sub: { type: 'string' },
  dev: { type: 'string', max: 43 },
  iat: { type: 'int' },
  jti: { type: 'string' },
  rsq: { type: 'int' },
  sts: { type: 'string', values: ['good', 'revoked'] },
  rvk: {
    type: 'object',
    required: false,
    fields: {
      k: { type: 'string', values: ['license', 'device', 'lease'] },
      at: { type: 'int' },
      rsn: { type: 'string', max: 64 },
    },
  },
  lea: { type: 'string', required: false },
  non: { type: 'string', required: false, max: 64 },
}

/** Signed server time alone (e.g. for a clock check without a license). */
export interface TimeClaims {
  v: 1
  iss: string
  iat: number
  jti: string
  non?: string
}

export const TIME_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  iss: { type: 'string' },
  iat: { type: 'int' },
  jti: { type: 'string' },
  non: { type: 'string', required: false, max: 64 },
}

/** Proof that a device gave back its seat. */
export interface DeactivationClaims {
  v: 1
  iss: string
  aud: string
  sub: string
  dev: string
  lea: string
  iat: number
  jti: string
}

export const DEACTIVATION_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  iss: { type: 'string' },
  aud: { type: 'string' },
  sub: { type: 'string' },
  dev: { type: 'string', max: 43 },
  lea: { type: 'string' },
  iat: { type: 'int' },
  jti: { type: 'string' },
}
