import type { PolicyStorage } from './catalog.js';
import { type Ctx } from './context.js';
export declare function policyQueries(ctx: Ctx): PolicyStorage;
//# sourceMappingURL=policy-queries.d.ts.map