import type { ClaimsSchema } from './schema.js'

/** Short-lived, device-bound authentication to the vendor's online services. */
export interface AccessClaims {
  v: 1
  iss: string
  /** License id. */
  sub: string
  /** Audience: the vendor's service identifier. */
  aud: string
  /** Product id. */
  pid: string
  jti: string
  iat: number
  exp: number
  cnf: { jkt: string }
  edn: string
  fts: string[]
}

export const ACCESS_SCHEMA: ClaimsSchema = {
  v: { type: 'int', min: 1, max: 1 },
  iss: { type: 'string' },
  sub: { type: 'string' },
  aud: { type: 'string' },
  pid: { type: 'string' },
  jti: { type: 'string' },
  iat: { type: 'int' },
  exp: { type: 'int' },
  cnf: { type: 'object', fields: { jkt: { type: 'string', max: 43 } } },
  edn: { type: 'string', max: 64 },
  fts: { type: 'strings' },
}
