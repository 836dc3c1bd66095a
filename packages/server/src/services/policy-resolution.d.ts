import { type PolicyParams } from '@tessera/core';
import type { License, Rollout, Storage } from '../storage/index.js';
export interface ResolvedPolicy {
    policyId: string;
    version: number;
    params: PolicyParams;
}
/**
 * Which cohort bucket (0..99) a license falls in for a policy: a hash, so the same licenses move
 * first at every percentage and a rollout from 10 % to 20 % only adds licenses.
 */
export declare function cohortBucket(policyId: string, licenseId: string): number;
/** The version a license follows: version 1 until a rollout moves its cohort, back on rollback. */
export declare function versionFor(rollout: Rollout | undefined, policyId: string, licenseId: string): number;
export declare function resolvePolicy(storage: Storage, license: License): Promise<ResolvedPolicy>;
/** Validates stored or submitted parameters against the core schema. */
export declare function parsePolicyParams(params: unknown): PolicyParams;
//# sourceMappingURL=policy-resolution.d.ts.map