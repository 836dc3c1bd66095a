import type { AdminStorage } from './admin.js';
import { type Ctx } from './context.js';
export declare function adminQueries(ctx: Ctx): AdminStorage;
//# sourceMappingURL=admin-queries.d.ts.map