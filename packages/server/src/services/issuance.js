import { assertIssuable, } from '@tessera/core';
import { newId } from './ids.js';
/**
 * Plans the lease of a license on a device at `now`: the offline window from the policy, capped
 * by the subscription end; renew-after inside it; grace after it. Claims hold opaque ids only.
 */
export function planLease(ctx, input) {
    const { license, product, policy, now } = input;
    const p = policy.params;
    const exp = license.expiresAt === null
        ? now + p.offlineWindow
        : Math.max(now, Math.min(now + p.offlineWindow, license.expiresAt));
    const claims = {
        v: 1,
        iss: ctx.keyring.issuer,
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
        fbk: p.fallback,
        pol: `${policy.policyId}/${policy.version}`,
        cnf: { jkt: input.deviceId },
        hwf: { k: Math.min(p.fingerprintMatch, input.fingerprint.length), c: input.fingerprint },
    };
    // ofw only when the subscription end capped the window (otherwise it is exp - iat); nbf is iat.
    if (exp - now !== p.offlineWindow)
        claims.ofw = p.offlineWindow;
    assertIssuable('lease', claims);
    const record = {
        jti: claims.jti,
        policyId: policy.policyId,
        policyVersion: policy.version,
        issuedAt: now,
        expiresAt: claims.grc,
    };
    return { claims, record };
}
/** Signs the lease and its companions into the bundle every activation and renewal returns. */
export async function issueBundle(ctx, input) {
    const { plan, now } = input;
    const lease = plan.claims;
    const access = {
        v: 1,
        iss: lease.iss,
        sub: lease.sub,
        aud: `${lease.aud}:services`,
        pid: lease.aud,
        jti: newId('acc', ctx.random),
        iat: now,
        exp: now + input.policy.params.accessTokenTtl,
        cnf: lease.cnf,
        edn: lease.edn,
        fts: lease.fts,
    };
    assertIssuable('access', access);
    const published = ctx.keyring.current();
    const [leaseToken, accessToken, status] = await Promise.all([
        ctx.keyring.sign('lease', lease),
        ctx.keyring.sign('access', access),
        statusReceipt(ctx, { license: input.license, deviceId: input.device.deviceId, lease: lease.jti, now }),
    ]);
    return {
        v: 1,
        chain: published.chain,
        keyset: published.keyset,
        lease: leaseToken,
        access: accessToken,
        status,
    };
}
/** A signed status receipt: server time and the license/device state as of now. */
export async function statusReceipt(ctx, input) {
    const claims = {
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
    };
    assertIssuable('status', claims);
    return ctx.keyring.sign('status', claims);
}
//# sourceMappingURL=issuance.js.map