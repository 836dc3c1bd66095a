/**
 * k-of-n hardware fingerprint matching: the lease lists salted component hashes and how many must
 * match, so a new disk or more RAM keeps the seat while a cloned image on other hardware does not.
 */
export function fingerprintMatches(
  lease: { k: number; c: readonly string[] },
  components: readonly string[],
): boolean {
  return countMatches(lease.c, components) >= lease.k
}

export function countMatches(expected: readonly string[], actual: readonly string[]): number {
  let n = 0
  for (const c of expected) if (actual.includes(c)) n++
  return n
}
