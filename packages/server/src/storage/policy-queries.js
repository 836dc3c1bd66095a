import { fromJson, toJson } from './context.js';
import { StorageError } from './errors.js';
const toPolicy = (r) => ({
    id: r.id,
    productId: r.product_id,
    name: r.name,
    createdAt: r.created_at,
});
const toVersion = (r) => ({
    policyId: r.policy_id,
    version: r.version,
    params: fromJson(r.params),
    createdAt: r.created_at,
});
const toRollout = (r) => ({
    policyId: r.policy_id,
    fromVersion: r.from_version,
    toVersion: r.to_version,
    percent: r.percent,
    state: r.state,
    updatedAt: r.updated_at,
});
const notFound = (what) => new StorageError('STORAGE_NOT_FOUND', `${what} not found`);
export function policyQueries(ctx) {
    return {
        async createPolicy(p) {
            const row = { id: p.id, product_id: p.productId, name: p.name, created_at: p.createdAt };
            await ctx.write((db) => db.insertInto('policies').values(row).execute());
            return toPolicy(row);
        },
        getPolicy: (id) => ctx.read(async (db) => {
            const row = await db.selectFrom('policies').selectAll().where('id', '=', id).executeTakeFirst();
            return row && toPolicy(row);
        }),
        listPolicies: (productId) => ctx.read(async (db) => {
            const rows = await db
                .selectFrom('policies')
                .selectAll()
                .$if(productId !== undefined, (q) => q.where('product_id', '=', productId))
                .orderBy('id')
                .execute();
            return rows.map(toPolicy);
        }),
        createPolicyVersion: (input) => ctx.atomic(async (tx) => {
            // Lock the parent policy row so concurrent creators queue instead of colliding on max+1.
            const policy = await tx.db
                .selectFrom('policies')
                .select('id')
                .where('id', '=', input.policyId)
                .$if(tx.dialect === 'postgres', (q) => q.forUpdate())
                .executeTakeFirst();
            if (!policy)
                throw notFound('policy');
            const last = await tx.db
                .selectFrom('policy_versions')
                .select((eb) => eb.fn.max('version').as('max'))
                .where('policy_id', '=', input.policyId)
                .executeTakeFirst();
            const row = {
                policy_id: input.policyId,
                version: Number(last?.max ?? 0) + 1,
                params: toJson(input.params),
                created_at: input.createdAt,
            };
            await tx.db.insertInto('policy_versions').values(row).execute();
            return toVersion(row);
        }),
        getPolicyVersion: (policyId, version) => ctx.read(async (db) => {
            const row = await db
                .selectFrom('policy_versions')
                .selectAll()
                .where('policy_id', '=', policyId)
                .where('version', '=', version)
                .executeTakeFirst();
            return row && toVersion(row);
        }),
        latestPolicyVersion: (policyId) => ctx.read(async (db) => {
            const row = await db
                .selectFrom('policy_versions')
                .selectAll()
                .where('policy_id', '=', policyId)
                .orderBy('version', 'desc')
                .limit(1)
                .executeTakeFirst();
            return row && toVersion(row);
        }),
        listPolicyVersions: (policyId) => ctx.read(async (db) => {
            const rows = await db
                .selectFrom('policy_versions')
                .selectAll()
                .where('policy_id', '=', policyId)
                .orderBy('version')
                .execute();
            return rows.map(toVersion);
        }),
        async setRollout(input) {
            const row = {
                policy_id: input.policyId,
                from_version: input.fromVersion,
                to_version: input.toVersion,
                percent: input.percent,
                state: input.state ?? 'active',
                updated_at: input.updatedAt,
            };
            const { policy_id: _key, ...update } = row;
            await ctx.write((db) => db
                .insertInto('rollouts')
                .values(row)
                .onConflict((oc) => oc.column('policy_id').doUpdateSet(update))
                .execute());
            return toRollout(row);
        },
        getRollout: (policyId) => ctx.read(async (db) => {
            const row = await db
                .selectFrom('rollouts')
                .selectAll()
                .where('policy_id', '=', policyId)
                .executeTakeFirst();
            return row && toRollout(row);
        }),
        async rollbackRollout(policyId, now) {
            const row = await ctx.write((db) => db
                .updateTable('rollouts')
                .set({ state: 'rolled_back', updated_at: now })
                .where('policy_id', '=', policyId)
                .returningAll()
                .executeTakeFirst());
            if (!row)
                throw notFound('rollout');
            return toRollout(row);
        },
    };
}
//# sourceMappingURL=policy-queries.js.map