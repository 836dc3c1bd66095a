import { Type } from 'typebox';
import { Id } from '../../http/schemas.js';
import { createEdition, createProduct, getProduct } from '../../services/admin/catalog.js';
import { operatorOf, scope } from './admin-auth-hook.js';
import { adminProblems, adminSecurity, EditionSchema, FeatureList, NoQuery, ProductSchema, } from './admin-schemas.js';
const tags = ['admin: catalog'];
const ProductParams = Type.Object({ id: Id }, { additionalProperties: false });
/** Products (features, essential features) and their editions. */
export function catalogRoutes(ctx) {
    return async (app) => {
        app.post('/v1/admin/products', {
            onRequest: scope(ctx, 'write'),
            schema: {
                tags,
                summary: 'Define a product',
                security: adminSecurity,
                body: Type.Object({
                    id: Id,
                    name: Type.String({ minLength: 1, maxLength: 128 }),
                    features: FeatureList,
                    essential: FeatureList,
                }, { additionalProperties: false }),
                response: { 201: ProductSchema, ...adminProblems(409) },
            },
        }, async (request, reply) => reply.code(201).send(await createProduct(ctx, operatorOf(request), request.body)));
        app.get('/v1/admin/products', {
            onRequest: scope(ctx, 'read'),
            schema: {
                tags,
                summary: 'List products',
                security: adminSecurity,
                querystring: NoQuery,
                response: { 200: Type.Object({ products: Type.Array(ProductSchema) }), ...adminProblems() },
            },
        }, async () => ({ products: await ctx.storage.listProducts() }));
        app.get('/v1/admin/products/:id', {
            onRequest: scope(ctx, 'read'),
            schema: {
                tags,
                summary: 'A product with its editions',
                security: adminSecurity,
                querystring: NoQuery,
                params: ProductParams,
                response: { 200: ProductSchema, ...adminProblems(404) },
            },
        }, async (request) => getProduct(ctx, request.params.id));
        app.post('/v1/admin/products/:id/editions', {
            onRequest: scope(ctx, 'write'),
            schema: {
                tags,
                summary: 'Add an edition (a named feature bundle) to a product',
                security: adminSecurity,
                params: ProductParams,
                body: Type.Object({ id: Id, features: FeatureList }, { additionalProperties: false }),
                response: { 201: EditionSchema, ...adminProblems(404, 409) },
            },
        }, async (request, reply) => reply.code(201).send(await createEdition(ctx, operatorOf(request), request.params.id, request.body)));
    };
}
//# sourceMappingURL=catalog-routes.js.map