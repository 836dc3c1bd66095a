import { type Ctx } from './context.js';
import type { DeviceStorage } from './devices.js';
export declare function deviceQueries(ctx: Ctx): DeviceStorage;
//# sourceMappingURL=device-queries.d.ts.map