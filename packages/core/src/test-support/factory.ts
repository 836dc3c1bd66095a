// Deterministic token factory for tests, vectors and benchmarks: keys derive from labels, Ed25519
// signatures are deterministic, and every time is explicit, so the same call gives the same bytes.
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import type { Bundle } from '../bundle/bundle.js'
import type { AccessClaims } from '../claims/access-claims.js'
import type { KeysetClaims, KeysetEntry } from '../claims/keyset-claims.js'
import type { LeaseClaims } from '../claims/lease-claims.js'
import type { StatusClaims } from '../claims/receipt-claims.js'
import { nobleCrypto } from '../crypto/noble-provider.js'
import { ed25519Jwk, jwkThumbprint, type OkpPublicJwk } from '../encoding/jwk.js'
import { utf8Encode } from '../encoding/utf8.js'
import { signJws } from '../jws/sign.js'
import type { KeyPurpose, TokenKind } from '../jws/token-types.js'

export interface TestKey {
  readonly secret: Uint8Array
  readonly publicKey: Uint8Array
  readonly jwk: OkpPublicJwk
  /** RFC 7638 thumbprint. */
  readonly thumbprint: string
  sign(data: Uint8Array): Uint8Array
}

/** An Ed25519 key derived from a label: the same label always gives the same key. */
export function testKey(label: string): TestKey {
  const secret = sha256(utf8Encode(`tessera-test-key:${label}`))
  const publicKey = ed25519.getPublicKey(secret)
  const jwk = ed25519Jwk(publicKey)
  return {
    secret,
    publicKey,
    jwk,
    thumbprint: jwkThumbprint(jwk, nobleCrypto),
    sign: (data) => ed25519.sign(data, secret),
  }
}

/** A fixed instant: 2026-01-01T00:00:00Z. */
export const T0 = 1_767_225_600
export const DAY = 86_400
export const ISSUER = 'tessera-test'
export const PRODUCT = 'demo'

export const ROOT = testKey('root-1')
export const LEASE_KEY = testKey('online-lease-1')
export const STATUS_KEY = testKey('online-status-1')
export const DEVICE = testKey('device-1')
export const COMPONENTS = ['c-machine', 'c-cpu', 'c-os', 'c-host', 'c-mac']

export function sign(kind: TokenKind, key: TestKey, kid: string, claims: object): Promise<string> {
  return signJws(kind, kid, claims, (data) => key.sign(data))
}

export function keysetEntry(
  kid: string,
  key: TestKey,
  use: KeyPurpose[],
  nbf = T0 - DAY,
  exp = T0 + 400 * DAY,
) {
  return { kid, kty: 'OKP', crv: 'Ed25519', x: key.jwk.x, use, nbf, exp } satisfies KeysetEntry
}

export function keysetClaims(over: Partial<KeysetClaims> = {}): KeysetClaims {
  return {
    v: 1,
    iss: ISSUER,
    ver: 1,
    iat: T0 - DAY,
    exp: T0 + 180 * DAY,
    keys: [
      keysetEntry('k-lease-1', LEASE_KEY, ['lease']),
      keysetEntry('k-status-1', STATUS_KEY, ['status', 'time']),
    ],
    ...over,
  }
}

export function leaseClaims(over: Partial<LeaseClaims> = {}): LeaseClaims {
  return {
    v: 1,
    iss: ISSUER,
    sub: 'lic_01',
    aud: PRODUCT,
    jti: 'lea_01',
    iat: T0,
    exp: T0 + 7 * DAY,
    ren: T0 + 3 * DAY,
    grc: T0 + 10 * DAY,
    edn: 'pro',
    fts: ['export', 'sync', 'view'],
    ess: ['view'],
    fbk: 'limited',
    pol: 'pol_01/1',
    cnf: { jkt: DEVICE.thumbprint },
    hwf: { k: 3, c: COMPONENTS },
    ...over,
  }
}

export function accessClaims(over: Partial<AccessClaims> = {}): AccessClaims {
  return {
    v: 1,
    iss: ISSUER,
    sub: 'lic_01',
    aud: 'demo-services',
    pid: PRODUCT,
    jti: 'acc_01',
    iat: T0,
    exp: T0 + 3600,
    cnf: { jkt: DEVICE.thumbprint },
    edn: 'pro',
    fts: ['export', 'sync', 'view'],
    ...over,
  }
}

export function statusClaims(over: Partial<StatusClaims> = {}): StatusClaims {
  return {
    v: 1,
    iss: ISSUER,
    aud: PRODUCT,
    sub: 'lic_01',
    dev: DEVICE.thumbprint,
    iat: T0,
    jti: 'sts_01',
    rsq: 0,
    sts: 'good',
    lea: 'lea_01',
    ...over,
  }
}

export interface BundleParts {
  chain?: string[]
  keyset?: Partial<KeysetClaims>
  lease?: Partial<LeaseClaims>
  access?: Partial<AccessClaims>
  status?: Partial<StatusClaims>
  root?: TestKey
}

/** A complete, valid bundle; each part can be overridden. */
export async function makeBundle(parts: BundleParts = {}): Promise<Bundle> {
  const root = parts.root ?? ROOT
  return {
    v: 1,
    chain: parts.chain ?? [],
    keyset: await sign('keyset', root, root.thumbprint, keysetClaims(parts.keyset)),
    lease: await sign('lease', LEASE_KEY, 'k-lease-1', leaseClaims(parts.lease)),
    access: await sign('access', LEASE_KEY, 'k-lease-1', accessClaims(parts.access)),
    status: await sign('status', STATUS_KEY, 'k-status-1', statusClaims(parts.status)),
  }
}

export const TRUST = Object.freeze({ roots: [ROOT.jwk], keysetVersion: 0, rootVersion: 0 })
