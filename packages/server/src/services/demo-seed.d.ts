import { type PolicyParams } from '@tessera/core';
import type { Storage } from '../storage/index.js';
/** The demo policy: 7-day offline window, renew after 3 days, 3 days of grace, then essentials. */
export declare const DEMO_POLICY: PolicyParams;
export interface DemoSeed {
    product: string;
    policy: string;
    licenseKey: string;
    license: string;
}
/** Seeds product `demo` (one essential feature), the demo policy and one 3-seat license. */
export declare function seedDemo(storage: Storage, input: {
    now: number;
    random: (n: number) => Uint8Array;
}): Promise<DemoSeed>;
//# sourceMappingURL=demo-seed.d.ts.map