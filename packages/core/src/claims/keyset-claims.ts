import type { KeyPurpose } from '../jws/token-types.js'
import type { ClaimsSchema } from './schema.js'

/** One online signing key as listed in the key set. Times in epoch seconds. */
export interface KeysetEntry {
  kid: string
  kty: 'OKP'
  crv: 'Ed25519'
  x: string
  use: KeyPurpose[]
  /** Tokens issued (iat) before this time are not accepted from this key. */
  nbf: number
  /** Tokens issued (iat) after this time are not accepted from this key. */
  exp: number
}

/** The root-signed list of online keys. */
export interface KeysetClaims {
  v: 1
  iss: string
  /** Monotonic version; clients refuse a lower one than they have seen. */
  ver: number
  iat: number
  exp: number
  keys: KeysetEntry[]
}

export const KEYSET_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  iss: { type: 'string' },
  ver: { type: 'int', min: 1 },
  iat: { type: 'int' },
  exp: { type: 'int' },
  keys: {
    type: 'list',
    max: 16,
    item: {
      kid: { type: 'string', max: 64 },
      kty: { type: 'string', values: ['OKP'] },
      crv: { type: 'string', values: ['Ed25519'] },
      x: { type: 'string', max: 43 },
      use: { type: 'strings', max: 3 },
      nbf: { type: 'int' },
      exp: { type: 'int' },
    },
  },
}

/** A new root key, signed by the previous root: one link of the rotation chain. */
export interface RootRotationClaims {
  v: 1
  iss: string
  /** Root version this link introduces: greater than the signing root's. */
  ver: number
  iat: number
  key: { kty: 'OKP'; crv: 'Ed25519'; x: string }
}

export const ROOT_ROTATION_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  iss: { type: 'string' },
  ver: { type: 'int', min: 2 },
  iat: { type: 'int' },
  key: {
    type: 'object',
    fields: {
      kty: { type: 'string', values: ['OKP'] },
      crv: { type: 'string', values: ['Ed25519'] },
      x: { type: 'string', max: 43 },
    },
  },
}
