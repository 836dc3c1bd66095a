import { createHash } from 'node:crypto'
import type { ServerContext } from '../context.js'
import type { AuditEntry, AuditRecord, JsonObject, Storage } from '../storage/index.js'

/** Settings key of the chain head: seq and hash of the last row, written with every append. */
const HEAD = 'audit_head'

/** SHA-256 over every field of the row and the previous hash, in a fixed order. */
export function auditHash(record: Omit<AuditRecord, 'hash'>): string {
  const canonical = JSON.stringify([
    record.seq,
    record.at,
    record.actor,
    record.action,
    record.target,
    canonicalJson(record.data),
    record.prevHash,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

/**
 * Appends to the hash-chained, append-only audit log and moves the head anchor in the same
 * transaction, so a deleted tail is as detectable as an edited or deleted row. Given a
 * transaction handle, the entry commits (or not) with the change it records.
 */
export async function recordAudit(
  ctx: ServerContext,
  entry: Omit<AuditEntry, 'at'>,
  storage: Storage = ctx.storage,
): Promise<AuditRecord> {
  return storage.transaction(async (tx) => {
    const record = await tx.appendAudit({ ...entry, at: ctx.now() }, auditHash)
    await tx.putSetting(HEAD, { seq: record.seq, hash: record.hash })
    return record
  })
}

export interface AuditVerification {
  ok: boolean
  rows: number
  /** First row whose content, link or position is wrong; absent when ok. */
  firstBadSeq?: number
  problem?: 'hash_mismatch' | 'broken_link' | 'gap' | 'truncated'
}

/** Re-computes the whole chain: detects an edited row, a deleted row, and a deleted tail. */
export async function verifyAuditChain(storage: Storage): Promise<AuditVerification> {
  let prev: AuditRecord | undefined
  let rows = 0
  for (;;) {
    const page = await storage.listAudit({ afterSeq: prev?.seq ?? 0, limit: 1000 })
    for (const row of page) {
      rows++
      const expectedSeq = (prev?.seq ?? 0) + 1
      if (row.seq !== expectedSeq) return { ok: false, rows, firstBadSeq: expectedSeq, problem: 'gap' }
      if (row.prevHash !== (prev?.hash ?? null))
        return { ok: false, rows, firstBadSeq: row.seq, problem: 'broken_link' }
      if (auditHash(row) !== row.hash)
        return { ok: false, rows, firstBadSeq: row.seq, problem: 'hash_mismatch' }
      prev = row
    }
    if (page.length < 1000) break
  }
  const head = (await storage.getSetting(HEAD)) as { seq: number; hash: string } | undefined
  if (head && (head.seq !== (prev?.seq ?? 0) || head.hash !== prev?.hash)) {
    return { ok: false, rows, firstBadSeq: (prev?.seq ?? 0) + 1, problem: 'truncated' }
  }
  return { ok: true, rows }
}

/** JSON with object keys sorted, so the hash does not depend on insertion order. */
function canonicalJson(value: JsonObject | unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}
