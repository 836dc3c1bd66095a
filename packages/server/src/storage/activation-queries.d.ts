import { type Ctx } from './context.js';
import type { DeviceStorage } from './devices.js';
export declare function activationQueries(ctx: Ctx): Pick<DeviceStorage, 'activateDevice' | 'renewLease' | 'recordTransfer'>;
//# sourceMappingURL=activation-queries.d.ts.map