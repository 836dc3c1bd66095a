import { type PolicyParams } from '@tessera/core';
import type { ServerContext } from '../../context.js';
import type { AdminToken, Policy, Storage } from '../../storage/index.js';
/** Parameters as the core defines them (schema and coherence), or a 400 naming the rule broken. */
export declare function checkPolicyParams(params: unknown): PolicyParams;
/** A policy and its version 1, created together. */
export declare function createPolicy(ctx: ServerContext, operator: AdminToken, body: {
    product: string;
    name: string;
    params: unknown;
}): Promise<{
    version: number;
    id: string;
    productId: string;
    name: string;
    createdAt: import("../../storage/common-types.js").EpochSeconds;
}>;
/** Appends an immutable version; licenses move to it only through a rollout. */
export declare function addPolicyVersion(ctx: ServerContext, operator: AdminToken, policyId: string, body: {
    params: unknown;
}): Promise<{
    licenses?: number | undefined;
    version: number;
    params: PolicyParams;
    createdAt: number;
    policyId: string;
}>;
export declare function listPolicies(ctx: ServerContext, productId?: string): Promise<{
    id: string;
    productId: string;
    name: string;
    createdAt: number;
    latestVersion: number;
    rollout: {
        policyId: string;
        fromVersion: number;
        toVersion: number;
        percent: number;
        state: import("../../storage/catalog.js").RolloutState;
        updatedAt: import("../../storage/common-types.js").EpochSeconds;
    } | null;
}[]>;
/** A policy with every version, its rollout and how many licenses each version covers now. */
export declare function showPolicy(ctx: ServerContext, policyId: string): Promise<{
    versions: {
        licenses?: number | undefined;
        version: number;
        params: PolicyParams;
        createdAt: number;
    }[];
    id: string;
    productId: string;
    name: string;
    createdAt: number;
    latestVersion: number;
    rollout: {
        policyId: string;
        fromVersion: number;
        toVersion: number;
        percent: number;
        state: import("../../storage/catalog.js").RolloutState;
        updatedAt: import("../../storage/common-types.js").EpochSeconds;
    } | null;
}>;
export declare function requirePolicy(storage: Storage, policyId: string): Promise<Policy>;
//# sourceMappingURL=policies.d.ts.map