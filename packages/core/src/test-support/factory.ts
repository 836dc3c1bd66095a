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
import { componentHash, packComponents } from '../device/fingerprint.js'
import { encodeBase64url } from '../encoding/base64url.js'
import { ed25519Jwk, jwkThumbprint, type OkpPublicJwk } from '../encoding/jwk.js'
import { asciiBytes, utf8Encode } from '../encoding/utf8.js'
import { signJws } from '../jws/sign.js'
import { type KeyPurpose, TOKEN_TYPES, type TokenKind } from '../jws/token-types.js'

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
/** Ids shaped like the server's (services/ids.ts: a prefix and 12 base64url characters). */
export const LICENSE_ID = 'lic_Kq3vT8mWzR1x'
export const LEASE_ID = 'lea_Xp7cN2bQhY5s'
/** The features of the test license, sorted as the server sorts them. */
export const FEATURES: readonly string[] = ['edit', 'export', 'sync', 'view']
/** Names of the six components a desktop client usually finds (client device/fingerprint.ts). */
export const COMPONENT_NAMES = ['machine-id', 'os', 'cpu', 'host', 'mac', 'disk'] as const
/** The fingerprint of device-1 as the client computes it: one 6-character hash per component. */
export const COMPONENTS: readonly string[] = COMPONENT_NAMES.map((name) =>
  fingerprintComponent(name, 'device-1'),
)

/** The component hash of `name` = `value` for the test product (`componentHash` of core). */
export function fingerprintComponent(name: string, value: string): string {
  return componentHash(PRODUCT, name, value, nobleCrypto)
}

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

/**
 * A lease as the server issues it (services/issuance.ts): server-length ids, 4 features, 1
 * essential, 6 fingerprint components, fallback `limited` (so no `fbk`), no `nbf` or `ofw`.
 */
export function leaseClaims(over: Partial<LeaseClaims> = {}): LeaseClaims {
  return {
    sub: LICENSE_ID,
    aud: PRODUCT,
    jti: LEASE_ID,
    iat: T0,
    exp: T0 + 7 * DAY,
    ren: T0 + 3 * DAY,
    grc: T0 + 10 * DAY,
    edn: 'pro',
    fts: [...FEATURES],
    ess: ['view'],
    cnf: { jkt: DEVICE.thumbprint },
    hwf: { k: 3, c: packComponents(COMPONENTS) },
    ...over,
  }
}

export function accessClaims(over: Partial<AccessClaims> = {}): AccessClaims {
  return {
    v: 1,
    iss: ISSUER,
    sub: LICENSE_ID,
    aud: 'demo-services',
    pid: PRODUCT,
    jti: 'acc_01',
    iat: T0,
    exp: T0 + 3600,
    cnf: { jkt: DEVICE.thumbprint },
    edn: 'pro',
    fts: [...FEATURES],
    ...over,
  }
}

export function statusClaims(over: Partial<StatusClaims> = {}): StatusClaims {
  return {
    v: 1,
    iss: ISSUER,
    aud: PRODUCT,
    sub: LICENSE_ID,
    dev: DEVICE.thumbprint,
    iat: T0,
    jti: 'sts_01',
    rsq: 0,
    sts: 'good',
    lea: LEASE_ID,
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

/**
 * Synchronous twin of sign(): the same bytes as signJws (Ed25519 is deterministic), for
 * fast-check arbitraries, which cannot await.
 */
export function signNow(kind: TokenKind, key: TestKey, kid: string, claims: object): string {
  const part = (value: object) => encodeBase64url(utf8Encode(JSON.stringify(value)))
  const input = `${part({ alg: 'EdDSA', typ: TOKEN_TYPES[kind], kid })}.${part(claims)}`
  return `${input}.${encodeBase64url(key.sign(asciiBytes(input)))}`
}

/** Synchronous twin of makeBundle(parts): the same bundle, byte for byte. */
export function makeBundleNow(parts: BundleParts = {}): Bundle {
  const root = parts.root ?? ROOT
  return {
    v: 1,
    chain: parts.chain ?? [],
    keyset: signNow('keyset', root, root.thumbprint, keysetClaims(parts.keyset)),
    lease: signNow('lease', LEASE_KEY, 'k-lease-1', leaseClaims(parts.lease)),
    access: signNow('access', LEASE_KEY, 'k-lease-1', accessClaims(parts.access)),
    status: signNow('status', STATUS_KEY, 'k-status-1', statusClaims(parts.status)),
  }
}
