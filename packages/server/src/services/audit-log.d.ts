import type { ServerContext } from '../context.js';
import type { AuditEntry, AuditRecord, Storage } from '../storage/index.js';
/** SHA-256 over every field of the row and the previous hash, in a fixed order. */
export declare function auditHash(record: Omit<AuditRecord, 'hash'>): string;
/**
 * Appends to the hash-chained, append-only audit log and moves the head anchor in the same
 * transaction, so a deleted tail is as detectable as an edited or deleted row.
 */
export declare function recordAudit(ctx: ServerContext, entry: Omit<AuditEntry, 'at'>): Promise<AuditRecord>;
export interface AuditVerification {
    ok: boolean;
    rows: number;
    /** First row whose content, link or position is wrong; absent when ok. */
    firstBadSeq?: number;
    problem?: 'hash_mismatch' | 'broken_link' | 'gap' | 'truncated';
}
/** Re-computes the whole chain: detects an edited row, a deleted row, and a deleted tail. */
export declare function verifyAuditChain(storage: Storage): Promise<AuditVerification>;
//# sourceMappingURL=audit-log.d.ts.map