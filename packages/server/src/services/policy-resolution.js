import { createHash } from 'node:crypto';
import { POLICY_PARAMS_SCHEMA, validateSchema } from '@tessera/core';
/**
 * Which cohort bucket (0..99) a license falls in for a policy: a hash, so the same licenses move
 * first at every percentage and a rollout from 10 % to 20 % only adds licenses.
 */
export function cohortBucket(policyId, licenseId) {
    return createHash('sha256').update(`${policyId}:${licenseId}`).digest().readUInt32BE(0) % 100;
}
/** The version a license follows: version 1 until a rollout moves its cohort, back on rollback. */
export function versionFor(rollout, policyId, licenseId) {
    if (!rollout)
        return 1;
    if (rollout.state === 'rolled_back')
        return rollout.fromVersion;
    if (rollout.state === 'completed')
        return rollout.toVersion;
    return cohortBucket(policyId, licenseId) < rollout.percent ? rollout.toVersion : rollout.fromVersion;
}
export async function resolvePolicy(storage, license) {
    const version = versionFor(await storage.getRollout(license.policyId), license.policyId, license.id);
    const row = await storage.getPolicyVersion(license.policyId, version);
    if (!row)
        throw new Error(`policy ${license.policyId} has no version ${version}`);
    return { policyId: license.policyId, version, params: parsePolicyParams(row.params) };
}
/** Validates stored or submitted parameters against the core schema. */
export function parsePolicyParams(params) {
    return validateSchema(params, POLICY_PARAMS_SCHEMA);
}
//# sourceMappingURL=policy-resolution.js.map