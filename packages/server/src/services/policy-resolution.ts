import { createHash } from 'node:crypto'
import { POLICY_PARAMS_SCHEMA, type PolicyParams, validateSchema } from '@tessera/core'
import type { License, Rollout, Storage } from '../storage/index.js'

export interface ResolvedPolicy {
  policyId: string
  version: number
  params: PolicyParams
}

/**
 * Which cohort bucket (0..99) a license falls in for a policy: a hash, so the same licenses move
 * first at every percentage and a rollout from 10 % to 20 % only adds licenses.
 */
export function cohortBucket(policyId: string, licenseId: string): number {
  return createHash('sha256').update(`${policyId}:${licenseId}`).digest().readUInt32BE(0) % 100
}

/** The version a license follows: version 1 until a rollout moves its cohort, back on rollback. */
export function versionFor(rollout: Rollout | undefined, policyId: string, licenseId: string): number {
  if (!rollout) return 1
  if (rollout.state === 'rolled_back') return rollout.fromVersion
  if (rollout.state === 'completed') return rollout.toVersion
  return cohortBucket(policyId, licenseId) < rollout.percent ? rollout.toVersion : rollout.fromVersion
}

export async function resolvePolicy(storage: Storage, license: License): Promise<ResolvedPolicy> {
  const version = versionFor(await storage.getRollout(license.policyId), license.policyId, license.id)
  return {
    policyId: license.policyId,
    version,
    params: await versionParams(storage, license.policyId, version),
  }
}

/** Parsed parameters of policy versions, per storage. Versions are immutable, so never stale. */
const versionCache = new WeakMap<Storage, Map<string, PolicyParams>>()
const MAX_CACHED_VERSIONS = 1024

async function versionParams(storage: Storage, policyId: string, version: number): Promise<PolicyParams> {
  let cache = versionCache.get(storage)
  if (!cache) {
    cache = new Map()
    versionCache.set(storage, cache)
  }
  const key = `${policyId}/${version}`
  const cached = cache.get(key)
  if (cached) return cached
  const row = await storage.getPolicyVersion(policyId, version)
  if (!row) throw new Error(`policy ${policyId} has no version ${version}`)
  const params = Object.freeze(parsePolicyParams(row.params))
  if (cache.size >= MAX_CACHED_VERSIONS) cache.delete(cache.keys().next().value!)
  cache.set(key, params)
  return params
}

/** Validates stored or submitted parameters against the core schema. */
export function parsePolicyParams(params: unknown): PolicyParams {
  return validateSchema(params as never, POLICY_PARAMS_SCHEMA) as unknown as PolicyParams
}
