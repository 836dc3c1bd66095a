import type { Ctx } from './context.js';
import type { Storage } from './storage.js';
interface Lifecycle {
    closed: boolean;
    close(): Promise<void>;
}
/** Builds a Storage over a context; `tx` handles share the lifecycle but cannot close it. */
export declare function bindStorage(ctx: Ctx, life: Lifecycle): Storage;
export {};
//# sourceMappingURL=bind-storage.d.ts.map