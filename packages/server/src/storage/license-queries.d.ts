import { type Ctx } from './context.js';
import type { License, LicenseStorage } from './licenses.js';
import type { LicenseRow } from './schema.js';
export declare const toLicense: (r: LicenseRow) => License;
export declare function licenseQueries(ctx: Ctx): LicenseStorage;
//# sourceMappingURL=license-queries.d.ts.map