import type { ServerContext } from '../../context.js'
import type { AdminToken, JsonObject } from '../../storage/index.js'
import { recordAudit } from '../audit-log.js'

/**
 * Records an operator change in the hash-chained audit log. The actor is the admin token's id,
 * never the token; `data` holds ids and parameters only (no license keys, no secrets).
 */
export async function auditOperator(
  ctx: ServerContext,
  operator: AdminToken,
  action: string,
  target: string,
  data: JsonObject = {},
): Promise<void> {
  await recordAudit(ctx, { actor: operator.id, action, target, data })
}
