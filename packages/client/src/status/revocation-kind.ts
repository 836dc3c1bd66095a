import { type EvaluationInput, findRevocation, type RevocationKind } from '@tessera/core'

/**
 * What was revoked (device, lease or license): `rvk.k` of the verified status receipt in force,
 * else the kind of the revocation list entry that matches, found by core's findRevocation with
 * the ids evaluate() checks (the lease's `sub` and `jti`, this device's id). Null when neither says.
 */
export function revocationKind(input: EvaluationInput): RevocationKind | null {
  const bundle = input.bundle
  if (bundle === null || !('verified' in bundle)) return null
  const { lease, status } = bundle
  if (status.rvk) return status.rvk.k
  const ids = { license: lease.sub, device: input.device.id, lease: lease.jti }
  return findRevocation(input.revocations ?? null, ids)?.k ?? null
}
