import { assertIssuable } from '@tessera/core';
import { HttpProblem } from '../http/problem.js';
/** Lifetime of a published list, seconds: relays refetch well before. */
const LIST_LIFETIME = 86_400;
/**
 * The signed revocation list of a product: the full list, or the delta since `since` when the
 * caller holds that version. The version is the highest revocation sequence of the product.
 */
export async function revocationList(ctx, productId, since) {
    if (!(await ctx.storage.getProduct(productId)))
        throw new HttpProblem('NOT_FOUND', 'no such product');
    const seq = await ctx.storage.latestRevocationSeq(productId);
    const delta = since > 0 && since < seq;
    const rows = await allRevocations(ctx, productId, delta ? since : 0);
    const now = ctx.now();
    const claims = {
        v: 1,
        iss: ctx.keyring.issuer,
        aud: productId,
        seq,
        frm: delta ? since : 0,
        iat: now,
        exp: now + LIST_LIFETIME,
        ent: rows.map((r) => ({
            k: r.kind,
            id: r.targetId,
            at: r.createdAt,
            rsn: (r.reason || 'unspecified').slice(0, 64),
        })),
    };
    assertIssuable('revocations', claims);
    return ctx.keyring.sign('revocations', claims);
}
async function allRevocations(ctx, productId, sinceSeq) {
    const out = [];
    for (let after = sinceSeq;;) {
        const page = await ctx.storage.listRevocations({ productId, sinceSeq: after, limit: 1000 });
        out.push(...page);
        if (page.length < 1000)
            return out;
        after = page[page.length - 1].seq;
    }
}
//# sourceMappingURL=revocation-list.js.map