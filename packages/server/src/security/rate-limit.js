import { HttpProblem } from '../http/problem.js';
/**
 * Counts a request against a shared fixed-window limit kept in the database, so all replicas see
 * the same counts. Over the limit: 429 with Retry-After until the window ends.
 */
export async function enforceRateLimit(ctx, bucket, limit) {
    const now = ctx.now();
    const window = ctx.rateLimits.windowSeconds;
    const count = await ctx.storage.hitRateLimit(bucket, window, now);
    if (count > limit) {
        const retryAfter = Math.max(1, window - (now % window));
        throw new HttpProblem('RATE_LIMITED', 'too many requests; slow down', { retryAfter });
    }
}
//# sourceMappingURL=rate-limit.js.map