// Shared fixtures and the vector schema (documented in spec/vectors/README.md).
import type { ErrorCode, TokenKind } from '../../packages/core/src/index.js'
import {
  DAY,
  DEVICE,
  ISSUER,
  keysetClaims,
  LEASE_KEY,
  PRODUCT,
  ROOT,
  STATUS_KEY,
  T0,
} from '../../packages/core/src/test-support/factory.js'
import { token } from './jws.js'

/** The `kind` of a vector: a token kind of core, or one of the non-token operations. */
export type VectorKind =
  | Exclude<TokenKind, 'root'>
  | 'issuance' // assertIssuable(claims)
  | 'evaluate' // evaluate(input)

export type Expect =
  | ({ valid: true } & Record<string, unknown>)
  | { valid: false; error: ErrorCode }
  | { decision: Record<string, unknown> }

export interface Step {
  token: unknown
  expect: Expect
}

export interface Vector {
  name: string
  kind: VectorKind
  description?: string
  context?: Record<string, unknown>
  token?: unknown
  steps?: Step[]
  claims?: unknown
  expect: Expect
}

export interface VectorFile {
  description: string
  context: Record<string, unknown>
  vectors: Vector[]
}

export const ok = (rest: Record<string, unknown> = {}): Expect => ({ valid: true, ...rest })
export const fail = (error: ErrorCode): Expect => ({ valid: false, error })

/** A vector with a fixed member order (name, kind, description, context, input, expect). */
export function vector(v: Vector): Vector {
  const ordered: Record<string, unknown> = { name: v.name, kind: v.kind }
  if (v.description !== undefined) ordered.description = v.description
  if (v.context !== undefined) ordered.context = v.context
  if ('token' in v) ordered.token = v.token
  if (v.steps !== undefined) ordered.steps = v.steps
  if (v.claims !== undefined) ordered.claims = v.claims
  ordered.expect = v.expect
  return ordered as unknown as Vector
}

/** The key set every server-signed vector is verified against (root-1, version 1). */
export const KEYSET = token('keyset', ROOT, ROOT.thumbprint, keysetClaims())

/** Trust anchors of a fresh client: the pinned root, nothing seen yet. */
export const TRUST_CONTEXT = {
  roots: [ROOT.jwk],
  keysetVersion: 0,
  rootVersion: 0,
  chain: [] as string[],
  keyset: KEYSET,
}

/** The file-level context of every server-signed token file. */
export const SERVER_CONTEXT = {
  ...TRUST_CONTEXT,
  now: T0 + 3600,
  product: PRODUCT,
  audience: 'demo-services',
  deviceId: DEVICE.thumbprint,
  tolerance: 120,
}

export const leaseToken = (claims: object, kid = 'k-lease-1', key = LEASE_KEY) =>
  token('lease', key, kid, claims)
export const statusToken = (kind: TokenKind, claims: object, kid = 'k-status-1', key = STATUS_KEY) =>
  token(kind, key, kid, claims)

export { DAY, ISSUER, PRODUCT, T0 }
