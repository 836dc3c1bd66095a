// Tokens a test license server signs for the client's own device key, with the core factory's
// deterministic root and online keys (the factory's fixed device key is not the client's).
import { type Bundle, type KeysetClaims, packComponents, type RevocationKind } from '@tessera/core'
import {
  accessClaims,
  DAY,
  ISSUER,
  keysetClaims,
  LEASE_KEY,
  leaseClaims,
  PRODUCT,
  ROOT,
  STATUS_KEY,
  sign,
  statusClaims,
  type TestKey,
} from '../../../core/src/test-support/factory.js'

/** The lease rules of the test policy, seconds. */
export interface TestPolicy {
  offlineWindow: number
  renewAfter: number
  grace: number
  fallback: 'limited' | 'deny'
  fingerprintMatch: number
  /** Highest app version covered, or none. */
  vmx?: string
}

export const DEFAULT_POLICY: TestPolicy = {
  offlineWindow: 7 * DAY,
  renewAfter: 3 * DAY,
  grace: 3 * DAY,
  fallback: 'limited',
  fingerprintMatch: 3,
}

export interface LeaseSubject {
  license: string
  deviceId: string
  fingerprint: readonly string[]
  edition: string
  features: readonly string[]
}

/** What the key set part of a bundle looks like: the rotation chain and the root that signs. */
export interface KeysetSpec {
  chain: string[]
  root: TestKey
  claims: Partial<KeysetClaims>
}

export const DEFAULT_KEYSET: KeysetSpec = { chain: [], root: ROOT, claims: {} }

export async function signedKeyset(spec: KeysetSpec): Promise<string> {
  return sign('keyset', spec.root, spec.root.thumbprint, keysetClaims(spec.claims))
}

export async function statusReceipt(
  who: LeaseSubject,
  at: number,
  n: number,
  revoked?: RevocationKind,
  lease?: string,
): Promise<string> {
  return sign(
    'status',
    STATUS_KEY,
    'k-status-1',
    statusClaims({
      sub: who.license,
      dev: who.deviceId,
      iat: at,
      jti: `sts_${n}`,
      rsq: revoked ? 1 : 0,
      sts: revoked ? 'revoked' : 'good',
      ...(revoked ? { rvk: { k: revoked, at, rsn: 'test' } } : {}),
      ...(lease ? { lea: lease } : {}),
    }),
  )
}

/** A complete bundle issued at `at` under `policy`, numbered `n` (lease lea_n, status sts_n). */
export async function issueBundle(
  who: LeaseSubject,
  at: number,
  n: number,
  policy: TestPolicy,
  keyset: KeysetSpec = DEFAULT_KEYSET,
): Promise<Bundle> {
  const jti = `lea_${n}`
  const lease = leaseClaims({
    sub: who.license,
    jti,
    iat: at,
    nbf: at,
    ren: at + policy.renewAfter,
    exp: at + policy.offlineWindow,
    grc: at + policy.offlineWindow + policy.grace,
    ofw: policy.offlineWindow,
    edn: who.edition,
    fts: [...who.features],
    ess: ['view'],
    ...(policy.fallback === 'deny' ? { fbk: 'deny' as const } : {}),
    cnf: { jkt: who.deviceId },
    hwf: {
      k: Math.min(policy.fingerprintMatch, who.fingerprint.length),
      c: packComponents(who.fingerprint),
    },
    ...(policy.vmx ? { vmx: policy.vmx } : {}),
  })
  const access = accessClaims({
    sub: who.license,
    jti: `acc_${n}`,
    iat: at,
    exp: at + 3600,
    cnf: { jkt: who.deviceId },
    edn: who.edition,
    fts: [...who.features],
  })
  return {
    v: 1,
    chain: keyset.chain,
    keyset: await signedKeyset(keyset),
    lease: await sign('lease', LEASE_KEY, 'k-lease-1', lease),
    access: await sign('access', LEASE_KEY, 'k-lease-1', access),
    status: await statusReceipt(who, at, n, undefined, jti),
  }
}

export function timeReceipt(at: number, n: number, nonce?: string): Promise<string> {
  return sign('time', STATUS_KEY, 'k-status-1', {
    v: 1,
    iss: ISSUER,
    iat: at,
    jti: `tim_${n}`,
    ...(nonce ? { non: nonce } : {}),
  })
}

export function deactivationReceipt(
  who: LeaseSubject,
  lease: string,
  at: number,
  n: number,
): Promise<string> {
  return sign('deactivation', STATUS_KEY, 'k-status-1', {
    v: 1,
    iss: ISSUER,
    aud: PRODUCT,
    sub: who.license,
    dev: who.deviceId,
    lea: lease,
    iat: at,
    jti: `dea_${n}`,
  })
}

export function offlineResponse(
  deviceId: string,
  requestId: string,
  bundle: Bundle,
  at: number,
  n: number,
): Promise<string> {
  return sign('offlineResponse', STATUS_KEY, 'k-status-1', {
    v: 1,
    iss: ISSUER,
    aud: deviceId,
    req: requestId,
    iat: at,
    jti: `ofr_${n}`,
    bnd: bundle,
  })
}
