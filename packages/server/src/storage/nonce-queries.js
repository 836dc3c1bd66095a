import { sql } from 'kysely';
import { affected } from './context.js';
import { StorageError } from './errors.js';
/** The nonce purpose under which rememberOnce keys are stored, so consumeNonce can never take them. */
const REMEMBERED = '~remembered';
export function nonceQueries(ctx) {
    return {
        async putNonce({ value, purpose, expiresAt }) {
            await ctx.write((db) => db.insertInto('nonces').values({ value, purpose, expires_at: expiresAt }).execute());
        },
        async consumeNonce(value, purpose, now) {
            if (purpose === REMEMBERED)
                return false;
            const res = await ctx.write((db) => db
                .deleteFrom('nonces')
                .where('purpose', '=', purpose)
                .where('value', '=', value)
                .where('expires_at', '>', now)
                .executeTakeFirst());
            return affected(res.numDeletedRows) === 1;
        },
        async pruneNonces(now) {
            return ctx.atomic(async (tx) => {
                const nonces = await tx.db.deleteFrom('nonces').where('expires_at', '<=', now).executeTakeFirst();
                const windows = await tx.db
                    .deleteFrom('rate_limits')
                    .where('expires_at', '<=', now)
                    .executeTakeFirst();
                return affected(nonces.numDeletedRows) + affected(windows.numDeletedRows);
            });
        },
        async rememberOnce(key, expiresAt) {
            const res = await ctx.write((db) => db
                .insertInto('nonces')
                .values({ value: key, purpose: REMEMBERED, expires_at: expiresAt })
                .onConflict((oc) => oc.columns(['purpose', 'value']).doNothing())
                .executeTakeFirst());
            return affected(res.numInsertedOrUpdatedRows) === 1;
        },
        async hitRateLimit(bucket, windowSeconds, now) {
            if (!Number.isSafeInteger(windowSeconds) || windowSeconds <= 0) {
                throw new StorageError('STORAGE_INVALID', 'windowSeconds must be a positive integer');
            }
            const windowStart = Math.floor(now / windowSeconds) * windowSeconds;
            // A hit stamped earlier than the stored window (clock skew between replicas) counts in the
            // stored window instead of resetting it.
            const row = await ctx.write((db) => db
                .insertInto('rate_limits')
                .values({ bucket, window_start: windowStart, expires_at: windowStart + windowSeconds, count: 1 })
                .onConflict((oc) => oc.column('bucket').doUpdateSet({
                count: sql `case when excluded.window_start <= rate_limits.window_start then rate_limits.count + 1 else 1 end`,
                window_start: sql `case when excluded.window_start > rate_limits.window_start then excluded.window_start else rate_limits.window_start end`,
                expires_at: sql `case when excluded.window_start > rate_limits.window_start then excluded.expires_at else rate_limits.expires_at end`,
            }))
                .returning('count')
                .executeTakeFirstOrThrow());
            return Number(row.count);
        },
    };
}
//# sourceMappingURL=nonce-queries.js.map