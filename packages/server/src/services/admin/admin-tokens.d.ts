import type { ServerContext } from '../../context.js';
import { type AdminScope } from '../../security/admin-auth.js';
import type { AdminToken } from '../../storage/index.js';
/** Creates an operator token; the token is in this answer only (its SHA-256 is stored). */
export declare function issueAdminToken(ctx: ServerContext, operator: AdminToken, body: {
    label: string;
    scopes: AdminScope[];
}): Promise<{
    id: string;
    token: string;
    label: string;
    scopes: AdminScope[];
}>;
export declare function listAdminTokens(ctx: ServerContext): Promise<{
    tokens: {
        id: string;
        label: string;
        scopes: string[];
        createdAt: number;
        revokedAt: number | null;
    }[];
}>;
/**
 * Revokes a token (idempotent). The last live `admin` token cannot be revoked: nobody could
 * create tokens any more without going to the database.
 */
export declare function revokeAdminToken(ctx: ServerContext, operator: AdminToken, id: string): Promise<{
    id: string;
    label: string;
    scopes: string[];
    createdAt: number;
    revokedAt: number | null;
}>;
//# sourceMappingURL=admin-tokens.d.ts.map