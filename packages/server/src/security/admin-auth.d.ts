import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import type { AdminToken, Storage } from '../storage/index.js';
export type AdminScope = 'read' | 'write' | 'revoke' | 'admin';
export declare const ADMIN_SCOPES: readonly AdminScope[];
/** Admin tokens are stored only as SHA-256 (they carry 256 random bits, so no slow hash is needed). */
export declare function hashAdminToken(token: string): string;
/** Creates an admin token and returns it once; only its hash is stored. */
export declare function createAdminToken(storage: Storage, input: {
    label: string;
    scopes: AdminScope[];
    now: number;
    random: (n: number) => Uint8Array;
}): Promise<{
    id: string;
    token: string;
}>;
/**
 * Authenticates an operator request (Bearer token) and checks its scope. `admin` implies every
 * scope; `write` implies `read`. The lookup is by hash, so timing reveals nothing of the token.
 */
export declare function requireScope(ctx: ServerContext, request: FastifyRequest, scope: AdminScope): Promise<AdminToken>;
//# sourceMappingURL=admin-auth.d.ts.map