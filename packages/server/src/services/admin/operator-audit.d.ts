import type { ServerContext } from '../../context.js';
import type { AdminToken, JsonObject } from '../../storage/index.js';
/**
 * Records an operator change in the hash-chained audit log. The actor is the admin token's id,
 * never the token; `data` holds ids and parameters only (no license keys, no secrets).
 */
export declare function auditOperator(ctx: ServerContext, operator: AdminToken, action: string, target: string, data?: JsonObject): Promise<void>;
//# sourceMappingURL=operator-audit.d.ts.map