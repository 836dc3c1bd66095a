import type { Ctx } from './context.js';
import type { StatsStorage } from './stats.js';
export declare function statsQueries(ctx: Ctx): StatsStorage;
//# sourceMappingURL=stats-queries.d.ts.map