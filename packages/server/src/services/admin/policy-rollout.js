import { HttpProblem } from '../../http/problem.js';
import { auditOperator } from './operator-audit.js';
import { requirePolicy } from './policies.js';
/** The version every license outside a rollout's cohort follows. */
export function baseVersion(rollout) {
    if (!rollout)
        return 1;
    return rollout.state === 'completed' ? rollout.toVersion : rollout.fromVersion;
}
/**
 * Moves `percent` of the policy's licenses to `version`. Raising or lowering the percentage of the
 * rollout in progress keeps its cohort order (the same licenses move first); starting another
 * version while one is in progress is refused until it is completed or rolled back.
 */
export async function startRollout(ctx, operator, policyId, body) {
    await requirePolicy(ctx.storage, policyId);
    if (body.complete && body.percent !== 100) {
        throw new HttpProblem('VALIDATION_FAILED', 'only a rollout at 100 percent can be completed', {
            extensions: { errors: [{ path: '/complete', message: 'requires percent 100' }] },
        });
    }
    if (!(await ctx.storage.getPolicyVersion(policyId, body.version))) {
        throw new HttpProblem('NOT_FOUND', `policy ${policyId} has no version ${body.version}`);
    }
    const current = await ctx.storage.getRollout(policyId);
    if (current?.state === 'active' && current.toVersion !== body.version) {
        throw new HttpProblem('CONFLICT', `version ${current.toVersion} is being rolled out: complete it (percent 100, complete) or roll it back first`);
    }
    const from = current?.state === 'active' ? current.fromVersion : baseVersion(current);
    if (from === body.version) {
        throw new HttpProblem('CONFLICT', `licenses of this policy already follow version ${body.version}`);
    }
    const rollout = await ctx.storage.setRollout({
        policyId,
        fromVersion: from,
        toVersion: body.version,
        percent: body.percent,
        state: body.complete ? 'completed' : 'active',
        updatedAt: ctx.now(),
    });
    await auditOperator(ctx, operator, 'policy.rollout', policyId, {
        from: rollout.fromVersion,
        to: rollout.toVersion,
        percent: rollout.percent,
        state: rollout.state,
    });
    return rollout;
}
/** Returns every license to the version before the rollout (idempotent). */
export async function rollBack(ctx, operator, policyId) {
    await requirePolicy(ctx.storage, policyId);
    const current = await ctx.storage.getRollout(policyId);
    if (!current)
        throw new HttpProblem('NOT_FOUND', `policy ${policyId} has no rollout to roll back`);
    if (current.state === 'rolled_back')
        return current;
    const rollout = await ctx.storage.rollbackRollout(policyId, ctx.now());
    await auditOperator(ctx, operator, 'policy.rollback', policyId, {
        from: rollout.fromVersion,
        to: rollout.toVersion,
    });
    return rollout;
}
//# sourceMappingURL=policy-rollout.js.map