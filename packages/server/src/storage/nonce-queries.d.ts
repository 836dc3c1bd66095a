import { type Ctx } from './context.js';
import type { NonceStorage } from './nonces.js';
export declare function nonceQueries(ctx: Ctx): NonceStorage;
//# sourceMappingURL=nonce-queries.d.ts.map