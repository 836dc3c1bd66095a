import { HttpProblem } from '../../http/problem.js';
import { auditOperator } from './operator-audit.js';
/** Defines a product; the essential features (kept in `limited` mode) must be among its features. */
export async function createProduct(ctx, operator, body) {
    assertSubset(body.essential, body.features, 'essential');
    if (await ctx.storage.getProduct(body.id))
        throw new HttpProblem('CONFLICT', `product ${body.id} exists`);
    const product = await ctx.storage.createProduct({ ...body, createdAt: ctx.now() });
    await auditOperator(ctx, operator, 'product.create', product.id, {
        features: product.features,
        essential: product.essential,
    });
    return product;
}
export async function getProduct(ctx, id) {
    const product = await requireProduct(ctx, id);
    return { ...product, editions: await ctx.storage.listEditions(id) };
}
/** Adds a named feature bundle; editions are not replaced (licenses were sold with them). */
export async function createEdition(ctx, operator, productId, body) {
    const product = await requireProduct(ctx, productId);
    assertSubset(body.features, product.features, 'features');
    if (await ctx.storage.getEdition(productId, body.id)) {
        throw new HttpProblem('CONFLICT', `edition ${body.id} of ${productId} exists`);
    }
    const edition = await ctx.storage.putEdition({ productId, id: body.id, features: body.features });
    await auditOperator(ctx, operator, 'edition.create', `${productId}/${edition.id}`, {
        features: edition.features,
    });
    return edition;
}
export async function requireProduct(ctx, id) {
    const product = await ctx.storage.getProduct(id);
    if (!product)
        throw new HttpProblem('NOT_FOUND', `no product ${id}`);
    return product;
}
/** Every name of `items` must be one of `allowed`; names the first stranger in the problem. */
export function assertSubset(items, allowed, field) {
    const stranger = items.find((f) => !allowed.includes(f));
    if (stranger !== undefined) {
        throw new HttpProblem('VALIDATION_FAILED', `${field}: "${stranger}" is not a feature of the product`, {
            extensions: { errors: [{ path: `/${field}`, message: 'unknown feature' }] },
        });
    }
}
//# sourceMappingURL=catalog.js.map