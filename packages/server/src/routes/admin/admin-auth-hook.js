import { HttpProblem } from '../../http/problem.js';
import { requireScope } from '../../security/admin-auth.js';
const authenticated = new WeakMap();
/**
 * An onRequest hook: the admin token and its scope are checked before the body is even parsed, so
 * an unauthenticated caller learns nothing about the schema (401/403 come before 400).
 */
export function scope(ctx, needed) {
    return async (request, _reply) => {
        authenticated.set(request, await requireScope(ctx, request, needed));
    };
}
/** The admin token that authenticated this request (the audit actor). */
export function operatorOf(request) {
    const token = authenticated.get(request);
    if (!token)
        throw new HttpProblem('UNAUTHORIZED', 'an admin token is required (Authorization: Bearer …)');
    return token;
}
/** Lets a POST without a body (e.g. `curl -X POST …/rollback`) validate as an empty object. */
export async function emptyBodyAsObject(request) {
    if (request.body === undefined || request.body === null)
        request.body = {};
}
//# sourceMappingURL=admin-auth-hook.js.map