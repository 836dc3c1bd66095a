import { createHash } from 'node:crypto';
/** Settings key of the chain head: seq and hash of the last row, written with every append. */
const HEAD = 'audit_head';
/** SHA-256 over every field of the row and the previous hash, in a fixed order. */
export function auditHash(record) {
    const canonical = JSON.stringify([
        record.seq,
        record.at,
        record.actor,
        record.action,
        record.target,
        canonicalJson(record.data),
        record.prevHash,
    ]);
    return createHash('sha256').update(canonical).digest('hex');
}
/**
 * Appends to the hash-chained, append-only audit log and moves the head anchor in the same
 * transaction, so a deleted tail is as detectable as an edited or deleted row.
 */
export async function recordAudit(ctx, entry) {
    return ctx.storage.transaction(async (tx) => {
        const record = await tx.appendAudit({ ...entry, at: ctx.now() }, auditHash);
        await tx.putSetting(HEAD, { seq: record.seq, hash: record.hash });
        return record;
    });
}
/** Re-computes the whole chain: detects an edited row, a deleted row, and a deleted tail. */
export async function verifyAuditChain(storage) {
    let prev;
    let rows = 0;
    for (;;) {
        const page = await storage.listAudit({ afterSeq: prev?.seq ?? 0, limit: 1000 });
        for (const row of page) {
            rows++;
            const expectedSeq = (prev?.seq ?? 0) + 1;
            if (row.seq !== expectedSeq)
                return { ok: false, rows, firstBadSeq: expectedSeq, problem: 'gap' };
            if (row.prevHash !== (prev?.hash ?? null))
                return { ok: false, rows, firstBadSeq: row.seq, problem: 'broken_link' };
            if (auditHash(row) !== row.hash)
                return { ok: false, rows, firstBadSeq: row.seq, problem: 'hash_mismatch' };
            prev = row;
        }
        if (page.length < 1000)
            break;
    }
    const head = (await storage.getSetting(HEAD));
    if (head && (head.seq !== (prev?.seq ?? 0) || head.hash !== prev?.hash)) {
        return { ok: false, rows, firstBadSeq: (prev?.seq ?? 0) + 1, problem: 'truncated' };
    }
    return { ok: true, rows };
}
/** JSON with object keys sorted, so the hash does not depend on insertion order. */
function canonicalJson(value) {
    if (value === null || typeof value !== 'object')
        return JSON.stringify(value);
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
//# sourceMappingURL=audit-log.js.map