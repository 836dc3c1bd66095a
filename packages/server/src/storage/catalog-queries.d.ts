import type { ProductStorage } from './catalog.js';
import { type Ctx } from './context.js';
export declare function productQueries(ctx: Ctx): ProductStorage;
//# sourceMappingURL=catalog-queries.d.ts.map