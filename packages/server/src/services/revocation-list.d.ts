import type { ServerContext } from '../context.js';
/**
 * The signed revocation list of a product: the full list, or the delta since `since` when the
 * caller holds that version. The version is the highest revocation sequence of the product.
 */
export declare function revocationList(ctx: ServerContext, productId: string, since: number): Promise<string>;
//# sourceMappingURL=revocation-list.d.ts.map