import { auditQueries } from './audit-queries.js';
import { fromJson, toJson } from './context.js';
import { StorageError } from './errors.js';
const toToken = (r) => ({
    id: r.id,
    tokenHash: r.token_hash,
    scopes: fromJson(r.scopes),
    label: r.label,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
});
const toKeyset = (r) => ({ version: r.version, token: r.token, createdAt: r.created_at });
export function adminQueries(ctx) {
    return {
        async createAdminToken(t) {
            const row = {
                id: t.id,
                token_hash: t.tokenHash,
                scopes: toJson(t.scopes),
                label: t.label,
                created_at: t.createdAt,
                revoked_at: null,
            };
            await ctx.write((db) => db.insertInto('admin_tokens').values(row).execute());
            return toToken(row);
        },
        findAdminTokenByHash: (tokenHash) => ctx.read(async (db) => {
            const row = await db
                .selectFrom('admin_tokens')
                .selectAll()
                .where('token_hash', '=', tokenHash)
                .executeTakeFirst();
            return row && toToken(row);
        }),
        listAdminTokens: () => ctx.read(async (db) => (await db.selectFrom('admin_tokens').selectAll().orderBy('created_at').orderBy('id').execute()).map(toToken)),
        async revokeAdminToken(id, now) {
            const row = await ctx.write((db) => db
                .updateTable('admin_tokens')
                .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
                .where('id', '=', id)
                .returningAll()
                .executeTakeFirst());
            if (!row)
                throw new StorageError('STORAGE_NOT_FOUND', 'admin token not found');
            return toToken(row);
        },
        ...auditQueries(ctx),
        async putKeyset(k) {
            await ctx.write((db) => db
                .insertInto('keysets')
                .values({ version: k.version, token: k.token, created_at: k.createdAt })
                .execute());
        },
        latestKeyset: () => ctx.read(async (db) => {
            const row = await db
                .selectFrom('keysets')
                .selectAll()
                .orderBy('version', 'desc')
                .limit(1)
                .executeTakeFirst();
            return row && toKeyset(row);
        }),
        getKeyset: (version) => ctx.read(async (db) => {
            const row = await db
                .selectFrom('keysets')
                .selectAll()
                .where('version', '=', version)
                .executeTakeFirst();
            return row && toKeyset(row);
        }),
        getSetting: (key) => ctx.read(async (db) => {
            const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
            return row && fromJson(row.value);
        }),
        async putSetting(key, value) {
            const text = toJson(value);
            await ctx.write((db) => db
                .insertInto('settings')
                .values({ key, value: text })
                .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
                .execute());
        },
        async deleteSetting(key) {
            await ctx.write((db) => db.deleteFrom('settings').where('key', '=', key).execute());
        },
    };
}
//# sourceMappingURL=admin-queries.js.map