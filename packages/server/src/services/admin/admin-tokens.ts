import type { ServerContext } from '../../context.js'
import { HttpProblem } from '../../http/problem.js'
import { type AdminScope, createAdminToken } from '../../security/admin-auth.js'
import type { AdminToken } from '../../storage/index.js'
import { auditOperator } from './operator-audit.js'
import { tokenView } from './views.js'

/** Creates an operator token; the token is in this answer only (its SHA-256 is stored). */
export async function issueAdminToken(
  ctx: ServerContext,
  operator: AdminToken,
  body: { label: string; scopes: AdminScope[] },
) {
  const scopes = [...new Set(body.scopes)]
  const created = await createAdminToken(ctx.storage, {
    label: body.label,
    scopes,
    now: ctx.now(),
    random: ctx.random,
  })
  await auditOperator(ctx, operator, 'token.create', created.id, { label: body.label, scopes })
  return { id: created.id, token: created.token, label: body.label, scopes }
}

export async function listAdminTokens(ctx: ServerContext) {
  return { tokens: (await ctx.storage.listAdminTokens()).map(tokenView) }
}

/**
 * Revokes a token (idempotent). The last live `admin` token cannot be revoked: nobody could
 * create tokens any more without going to the database.
 */
export async function revokeAdminToken(ctx: ServerContext, operator: AdminToken, id: string) {
  const tokens = await ctx.storage.listAdminTokens()
  const target = tokens.find((t) => t.id === id)
  if (!target) throw new HttpProblem('NOT_FOUND', 'no such admin token')
  if (target.revokedAt !== null) return tokenView(target)
  const admins = tokens.filter((t) => t.revokedAt === null && t.scopes.includes('admin'))
  if (target.scopes.includes('admin') && admins.length === 1) {
    throw new HttpProblem('CONFLICT', 'this is the last admin token; create another one before revoking it')
  }
  const revoked = await ctx.storage.revokeAdminToken(id, ctx.now())
  await auditOperator(ctx, operator, 'token.revoke', id, { label: revoked.label })
  return tokenView(revoked)
}
