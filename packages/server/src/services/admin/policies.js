import { assertPolicyParams, isTesseraError } from '@tessera/core';
import { HttpProblem } from '../../http/problem.js';
import { newId } from '../ids.js';
import { parsePolicyParams, versionFor } from '../policy-resolution.js';
import { requireProduct } from './catalog.js';
import { auditOperator } from './operator-audit.js';
import { policyView, versionView } from './views.js';
/** Parameters as the core defines them (schema and coherence), or a 400 naming the rule broken. */
export function checkPolicyParams(params) {
    try {
        const parsed = parsePolicyParams(params);
        assertPolicyParams(parsed);
        return parsed;
    }
    catch (err) {
        if (!isTesseraError(err))
            throw err;
        // Core messages name the member and the rule, never the value.
        throw new HttpProblem('VALIDATION_FAILED', `params: ${err.message}`, {
            extensions: { errors: [{ path: '/params', message: err.message }] },
        });
    }
}
/** A policy and its version 1, created together. */
export async function createPolicy(ctx, operator, body) {
    const params = checkPolicyParams(body.params);
    await requireProduct(ctx, body.product);
    const now = ctx.now();
    const policy = {
        id: newId('pol', ctx.random),
        productId: body.product,
        name: body.name,
        createdAt: now,
    };
    const version = await ctx.storage.transaction(async (tx) => {
        await tx.createPolicy(policy);
        return tx.createPolicyVersion({
            policyId: policy.id,
            params: params,
            createdAt: now,
        });
    });
    await auditOperator(ctx, operator, 'policy.create', policy.id, {
        product: policy.productId,
        version: version.version,
    });
    return { ...policy, version: version.version };
}
/** Appends an immutable version; licenses move to it only through a rollout. */
export async function addPolicyVersion(ctx, operator, policyId, body) {
    const params = checkPolicyParams(body.params);
    await requirePolicy(ctx.storage, policyId);
    const version = await ctx.storage.createPolicyVersion({
        policyId,
        params: params,
        createdAt: ctx.now(),
    });
    await auditOperator(ctx, operator, 'policy.version', policyId, { version: version.version });
    return { policyId, ...versionView(version) };
}
export async function listPolicies(ctx, productId) {
    const policies = await ctx.storage.listPolicies(productId);
    return Promise.all(policies.map(async (p) => {
        const [latest, rollout] = await Promise.all([
            ctx.storage.latestPolicyVersion(p.id),
            ctx.storage.getRollout(p.id),
        ]);
        return policyView(p, latest?.version ?? 0, rollout);
    }));
}
/** A policy with every version, its rollout and how many licenses each version covers now. */
export async function showPolicy(ctx, policyId) {
    const policy = await requirePolicy(ctx.storage, policyId);
    const [versions, rollout, licenses] = await Promise.all([
        ctx.storage.listPolicyVersions(policyId),
        ctx.storage.getRollout(policyId),
        licensesOf(ctx.storage, policyId),
    ]);
    const covered = new Map();
    for (const license of licenses) {
        if (license.status === 'revoked')
            continue;
        const v = versionFor(rollout, policyId, license.id);
        covered.set(v, (covered.get(v) ?? 0) + 1);
    }
    return {
        ...policyView(policy, versions.at(-1)?.version ?? 0, rollout),
        versions: versions.map((v) => versionView(v, covered.get(v.version) ?? 0)),
    };
}
export async function requirePolicy(storage, policyId) {
    const policy = await storage.getPolicy(policyId);
    if (!policy)
        throw new HttpProblem('NOT_FOUND', `no policy ${policyId}`);
    return policy;
}
/** Every license that follows the policy (paged reads; ids and status are all that is needed). */
async function licensesOf(storage, policyId) {
    const out = [];
    for (let offset = 0;; offset += 1000) {
        const page = await storage.listLicenses({ policyId, limit: 1000, offset });
        out.push(...page);
        if (page.length < 1000)
            return out;
    }
}
//# sourceMappingURL=policies.js.map