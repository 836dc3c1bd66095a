import { fromJson, toJson } from './context.js';
import { StorageError } from './errors.js';
const toProduct = (r) => ({
    id: r.id,
    name: r.name,
    features: fromJson(r.features),
    essential: fromJson(r.essential),
    createdAt: r.created_at,
});
const toEdition = (r) => ({
    productId: r.product_id,
    id: r.id,
    features: fromJson(r.features),
});
export function productQueries(ctx) {
    const getProduct = (id) => ctx.read(async (db) => {
        const row = await db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
        return row && toProduct(row);
    });
    return {
        async createProduct(p) {
            const row = {
                id: p.id,
                name: p.name,
                features: toJson(p.features),
                essential: toJson(p.essential),
                created_at: p.createdAt,
            };
            await ctx.write((db) => db.insertInto('products').values(row).execute());
            return toProduct(row);
        },
        getProduct,
        listProducts: () => ctx.read(async (db) => (await db.selectFrom('products').selectAll().orderBy('id').execute()).map(toProduct)),
        async updateProduct(id, patch) {
            const set = {
                ...(patch.name !== undefined && { name: patch.name }),
                ...(patch.features !== undefined && { features: toJson(patch.features) }),
                ...(patch.essential !== undefined && { essential: toJson(patch.essential) }),
            };
            const row = Object.keys(set).length === 0
                ? await getProduct(id)
                : await ctx.write(async (db) => {
                    const r = await db
                        .updateTable('products')
                        .set(set)
                        .where('id', '=', id)
                        .returningAll()
                        .executeTakeFirst();
                    return r && toProduct(r);
                });
            if (!row)
                throw new StorageError('STORAGE_NOT_FOUND', 'product not found');
            return row;
        },
        async putEdition(e) {
            const row = { product_id: e.productId, id: e.id, features: toJson(e.features) };
            await ctx.write((db) => db
                .insertInto('editions')
                .values(row)
                .onConflict((oc) => oc.columns(['product_id', 'id']).doUpdateSet({ features: row.features }))
                .execute());
            return toEdition(row);
        },
        getEdition: (productId, id) => ctx.read(async (db) => {
            const row = await db
                .selectFrom('editions')
                .selectAll()
                .where('product_id', '=', productId)
                .where('id', '=', id)
                .executeTakeFirst();
            return row && toEdition(row);
        }),
        listEditions: (productId) => ctx.read(async (db) => {
            const rows = await db
                .selectFrom('editions')
                .selectAll()
                .where('product_id', '=', productId)
                .orderBy('id')
                .execute();
            return rows.map(toEdition);
        }),
    };
}
//# sourceMappingURL=catalog-queries.js.map