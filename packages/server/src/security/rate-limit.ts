import type { ServerContext } from '../context.js'
import { HttpProblem } from '../http/problem.js'
import type { Storage } from '../storage/index.js'

/**
 * Counts a request of a license against the fixed-window limit kept in the database, so all
 * replicas see the same counts. Over the limit: 429 with Retry-After until the window ends.
 */
export async function enforceLicenseLimit(ctx: ServerContext, licenseId: string): Promise<void> {
  const refusal = await countLicenseHit(ctx, ctx.storage, licenseId)
  if (refusal) throw refusal
}

/**
 * Counts the hit in `storage` (which may be a transaction handle) and returns the 429 to answer
 * when over the limit, without throwing: a transaction must commit the hit that refused it.
 */
export async function countLicenseHit(
  ctx: ServerContext,
  storage: Storage,
  licenseId: string,
): Promise<HttpProblem | null> {
  const now = ctx.now()
  const count = await storage.hitRateLimit(`lic:${licenseId}`, ctx.rateLimits.windowSeconds, now)
  return count > ctx.rateLimits.perLicense ? rateLimited(ctx, now) : null
}

/** Counts a request of a client IP against this replica's per-IP limit (no database write). */
export function enforceIpLimit(ctx: ServerContext, ip: string): void {
  const now = ctx.now()
  if (ctx.ipRequests.hit(ip, now) > ctx.rateLimits.perIp) throw rateLimited(ctx, now)
}

function rateLimited(ctx: ServerContext, now: number): HttpProblem {
  const window = ctx.rateLimits.windowSeconds
  const retryAfter = Math.max(1, window - (now % window))
  return new HttpProblem('RATE_LIMITED', 'too many requests; slow down', { retryAfter })
}
