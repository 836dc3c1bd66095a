import { type Ctx } from './context.js';
import type { LicenseStorage, Revocation, RevocationKind } from './licenses.js';
import type { RevocationRow } from './schema.js';
export declare const toRevocation: (r: RevocationRow) => Revocation;
/**
 * Appends a revocation inside the caller's transaction. The seq is max+1 under a lock (advisory on
 * PostgreSQL, the write lock on SQLite) rather than a sequence: a sequence hands out numbers in
 * call order but they become visible in commit order, so a reader could see seq 8 before seq 7
 * commits and then skip 7 forever with `sinceSeq = 8`. Revocations are rare; serialising them is cheap.
 */
export declare function insertRevocation(tx: Ctx, entry: Omit<Revocation, 'seq'>): Promise<Revocation>;
/** The existing entry for a target, so that revoking twice returns the first entry. */
export declare function findRevocation(tx: Ctx, kind: RevocationKind, licenseId: string, targetId: string): Promise<Revocation | undefined>;
export declare function revocationQueries(ctx: Ctx): Pick<LicenseStorage, 'listRevocations' | 'latestRevocationSeq'>;
//# sourceMappingURL=revocation-queries.d.ts.map