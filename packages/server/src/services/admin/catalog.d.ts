import type { ServerContext } from '../../context.js';
import type { AdminToken, Edition, Product } from '../../storage/index.js';
export interface NewProductBody {
    id: string;
    name: string;
    features: string[];
    essential: string[];
}
/** Defines a product; the essential features (kept in `limited` mode) must be among its features. */
export declare function createProduct(ctx: ServerContext, operator: AdminToken, body: NewProductBody): Promise<Product>;
export declare function getProduct(ctx: ServerContext, id: string): Promise<Product & {
    editions: Edition[];
}>;
/** Adds a named feature bundle; editions are not replaced (licenses were sold with them). */
export declare function createEdition(ctx: ServerContext, operator: AdminToken, productId: string, body: {
    id: string;
    features: string[];
}): Promise<Edition>;
export declare function requireProduct(ctx: ServerContext, id: string): Promise<Product>;
/** Every name of `items` must be one of `allowed`; names the first stranger in the problem. */
export declare function assertSubset(items: readonly string[], allowed: readonly string[], field: string): void;
//# sourceMappingURL=catalog.d.ts.map