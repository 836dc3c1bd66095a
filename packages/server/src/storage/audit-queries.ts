import type { AdminStorage, AuditRecord } from './admin.js'
import { MAX_LIMIT } from './common-types.js'
import { advisoryLock, type Ctx, fromJson, toJson } from './context.js'
import type { AuditRow } from './schema.js'

const toRecord = (r: AuditRow): AuditRecord => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  target: r.target,
  data: fromJson(r.data),
  prevHash: r.prev_hash,
  hash: r.hash,
})

export function auditQueries(ctx: Ctx): Pick<AdminStorage, 'appendAudit' | 'listAudit'> {
  return {
    appendAudit: (entry, computeHash) =>
      ctx.atomic(async (tx) => {
        await advisoryLock(tx, 'audit')
        const last = await tx.db
          .selectFrom('audit_log')
          .select(['seq', 'hash'])
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst()
        const unhashed: Omit<AuditRecord, 'hash'> = {
          seq: (last?.seq ?? 0) + 1,
          at: entry.at,
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          // A round trip through JSON so the hash covers exactly what is stored and read back.
          data: fromJson(toJson(entry.data)),
          prevHash: last?.hash ?? null,
        }
        const hash = await computeHash(unhashed)
        await tx.db
          .insertInto('audit_log')
          .values({
            seq: unhashed.seq,
            at: unhashed.at,
            actor: unhashed.actor,
            action: unhashed.action,
            target: unhashed.target,
            data: toJson(unhashed.data),
            prev_hash: unhashed.prevHash,
            hash,
          })
          .execute()
        return { ...unhashed, hash }
      }),
    listAudit: (query = {}) =>
      ctx.read(async (db) => {
        const limit = Math.min(Math.max(Math.trunc(query.limit ?? MAX_LIMIT), 0), MAX_LIMIT)
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '>', query.afterSeq ?? 0)
          .$if(query.beforeSeq !== undefined, (q) => q.where('seq', '<', query.beforeSeq as number))
          .orderBy('seq', query.order === 'desc' ? 'desc' : 'asc')
          .limit(limit)
          .execute()
        return rows.map(toRecord)
      }),
  }
}
