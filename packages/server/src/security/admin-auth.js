import { createHash } from 'node:crypto';
import { encodeBase64url } from '@tessera/core';
import { HttpProblem } from '../http/problem.js';
export const ADMIN_SCOPES = ['read', 'write', 'revoke', 'admin'];
const TOKEN_PREFIX = 'tsa_';
/** Admin tokens are stored only as SHA-256 (they carry 256 random bits, so no slow hash is needed). */
export function hashAdminToken(token) {
    return createHash('sha256').update(token, 'utf8').digest('hex');
}
/** Creates an admin token and returns it once; only its hash is stored. */
export async function createAdminToken(storage, input) {
    const token = `${TOKEN_PREFIX}${encodeBase64url(input.random(32))}`;
    const id = `adm_${encodeBase64url(input.random(9))}`;
    await storage.createAdminToken({
        id,
        tokenHash: hashAdminToken(token),
        scopes: input.scopes,
        label: input.label,
        createdAt: input.now,
    });
    return { id, token };
}
/**
 * Authenticates an operator request (Bearer token) and checks its scope. `admin` implies every
 * scope; `write` implies `read`. The lookup is by hash, so timing reveals nothing of the token.
 */
export async function requireScope(ctx, request, scope) {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S{1,200})$/i.exec(header) : null;
    if (!match)
        throw new HttpProblem('UNAUTHORIZED', 'an admin token is required (Authorization: Bearer …)');
    const record = await ctx.storage.findAdminTokenByHash(hashAdminToken(match[1]));
    if (!record || record.revokedAt !== null)
        throw new HttpProblem('UNAUTHORIZED', 'the admin token is unknown or revoked');
    if (!grants(record.scopes, scope))
        throw new HttpProblem('FORBIDDEN_SCOPE', `this token lacks the "${scope}" scope`);
    return record;
}
function grants(scopes, needed) {
    return (scopes.includes('admin') || scopes.includes(needed) || (needed === 'read' && scopes.includes('write')));
}
//# sourceMappingURL=admin-auth.js.map