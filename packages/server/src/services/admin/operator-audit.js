import { recordAudit } from '../audit-log.js';
/**
 * Records an operator change in the hash-chained audit log. The actor is the admin token's id,
 * never the token; `data` holds ids and parameters only (no license keys, no secrets).
 */
export async function auditOperator(ctx, operator, action, target, data = {}) {
    await recordAudit(ctx, { actor: operator.id, action, target, data });
}
//# sourceMappingURL=operator-audit.js.map