import type { AdminStorage } from './admin.js';
import { type Ctx } from './context.js';
export declare function auditQueries(ctx: Ctx): Pick<AdminStorage, 'appendAudit' | 'listAudit'>;
//# sourceMappingURL=audit-queries.d.ts.map