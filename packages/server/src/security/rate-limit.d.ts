import type { ServerContext } from '../context.js';
/**
 * Counts a request against a shared fixed-window limit kept in the database, so all replicas see
 * the same counts. Over the limit: 429 with Retry-After until the window ends.
 */
export declare function enforceRateLimit(ctx: ServerContext, bucket: string, limit: number): Promise<void>;
//# sourceMappingURL=rate-limit.d.ts.map