import type { ServerContext } from '../../context.js';
import type { AdminToken, Rollout } from '../../storage/index.js';
export interface RolloutBody {
    version: number;
    /** 0..100: the share of licenses (a fixed, hash-chosen cohort) that follows `version`. */
    percent: number;
    /** With percent 100: the new version becomes the base of the next rollout. */
    complete?: boolean;
}
/** The version every license outside a rollout's cohort follows. */
export declare function baseVersion(rollout: Rollout | undefined): number;
/**
 * Moves `percent` of the policy's licenses to `version`. Raising or lowering the percentage of the
 * rollout in progress keeps its cohort order (the same licenses move first); starting another
 * version while one is in progress is refused until it is completed or rolled back.
 */
export declare function startRollout(ctx: ServerContext, operator: AdminToken, policyId: string, body: RolloutBody): Promise<Rollout>;
/** Returns every license to the version before the rollout (idempotent). */
export declare function rollBack(ctx: ServerContext, operator: AdminToken, policyId: string): Promise<Rollout>;
//# sourceMappingURL=policy-rollout.d.ts.map