import { adminQueries } from './admin-queries.js';
import { productQueries } from './catalog-queries.js';
import { deviceQueries } from './device-queries.js';
import { classifyDriverError, StorageError, toStorageError } from './errors.js';
import { licenseQueries } from './license-queries.js';
import { nonceQueries } from './nonce-queries.js';
import { policyQueries } from './policy-queries.js';
import { statsQueries } from './stats-queries.js';
import { telemetryQueries } from './telemetry-queries.js';
function domainMethods(ctx) {
    return {
        ...productQueries(ctx),
        ...policyQueries(ctx),
        ...licenseQueries(ctx),
        ...deviceQueries(ctx),
        ...nonceQueries(ctx),
        ...adminQueries(ctx),
        ...telemetryQueries(ctx),
        ...statsQueries(ctx),
    };
}
const closedError = () => new StorageError('STORAGE_UNAVAILABLE', 'storage is closed');
/** Wraps every domain method so driver errors surface as StorageErrors with stable codes. */
function guard(methods, life) {
    const out = {};
    for (const [name, fn] of Object.entries(methods)) {
        out[name] = async (...args) => {
            if (life.closed)
                throw closedError();
            try {
                return await fn(...args);
            }
            catch (err) {
                throw toStorageError(err);
            }
        };
    }
    return out;
}
/** Builds a Storage over a context; `tx` handles share the lifecycle but cannot close it. */
export function bindStorage(ctx, life) {
    return {
        ...guard(domainMethods(ctx), life),
        dialect: ctx.dialect,
        async transaction(fn) {
            if (life.closed)
                throw closedError();
            try {
                return await ctx.atomic((tx) => fn(bindStorage(tx, life)));
            }
            catch (err) {
                // Driver errors (BEGIN/COMMIT, unavailability) get codes; the caller's own errors pass through.
                throw classifyDriverError(err) ?? err;
            }
        },
        async close() {
            if (ctx.inTransaction)
                throw new StorageError('STORAGE_MISUSE', 'close() called on a transaction handle');
            if (life.closed)
                return;
            life.closed = true;
            await life.close();
        },
    };
}
//# sourceMappingURL=bind-storage.js.map