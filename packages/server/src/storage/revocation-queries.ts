import { MAX_LIMIT } from './common-types.js'
import { advisoryLock, type Ctx } from './context.js'
import type { LicenseStorage, Revocation, RevocationKind } from './licenses.js'
import type { RevocationRow } from './schema.js'

export const toRevocation = (r: RevocationRow): Revocation => ({
  seq: r.seq,
  kind: r.kind as RevocationKind,
  targetId: r.target_id,
  licenseId: r.license_id,
  productId: r.product_id,
  reason: r.reason,
  createdAt: r.created_at,
})

/**
 * Appends a revocation inside the caller's transaction. The seq is max+1 under a lock (advisory on
 * PostgreSQL, the write lock on SQLite) rather than a sequence: a sequence hands out numbers in
 * call order but they become visible in commit order, so a reader could see seq 8 before seq 7
 * commits and then skip 7 forever with `sinceSeq = 8`. Revocations are rare; serialising them is cheap.
 */
export async function insertRevocation(tx: Ctx, entry: Omit<Revocation, 'seq'>): Promise<Revocation> {
  await advisoryLock(tx, 'revocations')
  const last = await tx.db
    .selectFrom('revocations')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirst()
  const row: RevocationRow = {
    seq: Number(last?.max ?? 0) + 1,
    kind: entry.kind,
    target_id: entry.targetId,
    license_id: entry.licenseId,
    product_id: entry.productId,
    reason: entry.reason,
    created_at: entry.createdAt,
  }
  await tx.db.insertInto('revocations').values(row).execute()
  return toRevocation(row)
}

/** The existing entry for a target, so that revoking twice returns the first entry. */
export async function findRevocation(
  tx: Ctx,
  kind: RevocationKind,
  licenseId: string,
  targetId: string,
): Promise<Revocation | undefined> {
  const row = await tx.db
    .selectFrom('revocations')
    .selectAll()
    .where('kind', '=', kind)
    .where('license_id', '=', licenseId)
    .where('target_id', '=', targetId)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst()
  return row && toRevocation(row)
}

export function revocationQueries(
  ctx: Ctx,
): Pick<LicenseStorage, 'listRevocations' | 'latestRevocationSeq' | 'getRevocation'> {
  return {
    getRevocation: (kind, licenseId, targetId) =>
      ctx.read(() => findRevocation(ctx, kind, licenseId, targetId)),
    listRevocations: (query = {}) =>
      ctx.read(async (db) => {
        const limit = Math.min(Math.max(Math.trunc(query.limit ?? MAX_LIMIT), 0), MAX_LIMIT)
        const rows = await db
          .selectFrom('revocations')
          .selectAll()
          .where('seq', '>', query.sinceSeq ?? 0)
          .$if(query.productId !== undefined, (q) => q.where('product_id', '=', query.productId as string))
          .orderBy('seq')
          .limit(limit)
          .execute()
        return rows.map(toRevocation)
      }),
    latestRevocationSeq: (productId) =>
      ctx.read(async (db) => {
        const row = await db
          .selectFrom('revocations')
          .select((eb) => eb.fn.max('seq').as('max'))
          .$if(productId !== undefined, (q) => q.where('product_id', '=', productId as string))
          .executeTakeFirst()
        return Number(row?.max ?? 0)
      }),
  }
}
