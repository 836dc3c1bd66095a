import {
  type AccessClaims,
  assertIssuable,
  type Bundle,
  type LeaseClaims,
  packComponents,
  type RevocationKind,
  type StatusClaims,
} from '@tessera/core'
import type { ServerContext } from '../context.js'
import type { Device, License, NewLease, Product } from '../storage/index.js'
import { newId } from './ids.js'
import type { ResolvedPolicy } from './policy-resolution.js'

/** What a lease is computed from; ids and times are fixed before the storage transaction. */
export interface LeasePlan {
  claims: LeaseClaims
  record: NewLease
}

/**
 * Plans the lease of a license on a device at `now`: the offline window from the policy, capped
 * by the subscription end; renew-after inside it; grace after it. Claims hold opaque ids only, and
 * as few bytes as the format allows: no issuer (the key set names it), no policy (the lease record
 * keeps its id and version), no fallback when it is `limited`, the fingerprint packed.
 */
export function planLease(
  ctx: ServerContext,
  input: {
    license: License
    product: Product
    policy: ResolvedPolicy
    deviceId: string
    /** The device's component hashes, 1..16 of 6 characters (checked: CLAIMS_INVALID). */
    fingerprint: readonly string[]
    now: number
  },
): LeasePlan {
  const { license, product, policy, now } = input
  const p = policy.params
  const exp = leaseEnd(license, p.offlineWindow, now)
  const claims: LeaseClaims = {
    sub: license.id,
    aud: product.id,
    jti: newId('lea', ctx.random),
    iat: now,
    exp,
    ren: Math.min(now + p.renewAfter, exp),
    grc: exp + p.grace,
    edn: license.edition,
    fts: [...license.features].sort(),
    ess: [...product.essential].sort(),
    ...(p.fallback === 'deny' ? { fbk: 'deny' as const } : {}),
    cnf: { jkt: input.deviceId },
    hwf: {
      k: Math.min(p.fingerprintMatch, input.fingerprint.length),
      c: packComponents(input.fingerprint),
    },
  }
  // ofw only when the subscription end capped the window (otherwise it is exp - iat); nbf is iat.
  if (exp - now !== p.offlineWindow) claims.ofw = p.offlineWindow
  assertIssuable('lease', claims)
  const record: NewLease = {
    jti: claims.jti,
    policyId: policy.policyId,
    policyVersion: policy.version,
    issuedAt: now,
    expiresAt: claims.grc,
  }
  return { claims, record }
}

/** When a lease issued at `now` ends: the offline window, cut short by the subscription's end. */
function leaseEnd(license: License, offlineWindow: number, now: number): number {
  if (license.expiresAt === null) return now + offlineWindow
  return Math.max(now, Math.min(now + offlineWindow, license.expiresAt))
}

/** Signs the lease and its companions into the bundle every activation and renewal returns. */
export async function issueBundle(
  ctx: ServerContext,
  input: { plan: LeasePlan; license: License; device: Device; policy: ResolvedPolicy; now: number },
): Promise<Bundle> {
  const { plan, now } = input
  const lease = plan.claims
  const access: AccessClaims = {
    v: 1,
    iss: ctx.keyring.issuer,
    sub: lease.sub,
    aud: `${lease.aud}:services`,
    pid: lease.aud,
    jti: newId('acc', ctx.random),
    iat: now,
    exp: now + input.policy.params.accessTokenTtl,
    cnf: lease.cnf,
    edn: lease.edn,
    fts: lease.fts,
  }
  assertIssuable('access', access)
  const published = ctx.keyring.current()
  const [leaseToken, accessToken, status] = await Promise.all([
    ctx.keyring.sign('lease', lease),
    ctx.keyring.sign('access', access),
    statusReceipt(ctx, { license: input.license, deviceId: input.device.deviceId, lease: lease.jti, now }),
  ])
  return {
    v: 1,
    chain: published.chain,
    keyset: published.keyset,
    lease: leaseToken,
    access: accessToken,
    status,
  }
}

export interface StatusInput {
  license: License
  deviceId: string
  now: number
  lease?: string
  nonce?: string
  revoked?: { kind: RevocationKind; at: number; reason: string }
}

/** A signed status receipt: server time and the license/device state as of now. */
export async function statusReceipt(ctx: ServerContext, input: StatusInput): Promise<string> {
  const claims: StatusClaims = {
    v: 1,
    iss: ctx.keyring.issuer,
    aud: input.license.productId,
    sub: input.license.id,
    dev: input.deviceId,
    iat: input.now,
    jti: newId('sts', ctx.random),
    rsq: await ctx.storage.latestRevocationSeq(input.license.productId),
    sts: input.revoked ? 'revoked' : 'good',
    ...(input.revoked
      ? {
          rvk: {
            k: input.revoked.kind,
            at: input.revoked.at,
            rsn: (input.revoked.reason || 'unspecified').slice(0, 64),
          },
        }
      : {}),
    ...(input.lease ? { lea: input.lease } : {}),
    ...(input.nonce ? { non: input.nonce } : {}),
  }
  assertIssuable('status', claims)
  return ctx.keyring.sign('status', claims)
}
