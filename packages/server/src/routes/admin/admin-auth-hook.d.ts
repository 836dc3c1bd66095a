import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { ServerContext } from '../../context.js';
import { type AdminScope } from '../../security/admin-auth.js';
import type { AdminToken } from '../../storage/index.js';
/**
 * An onRequest hook: the admin token and its scope are checked before the body is even parsed, so
 * an unauthenticated caller learns nothing about the schema (401/403 come before 400).
 */
export declare function scope(ctx: ServerContext, needed: AdminScope): onRequestAsyncHookHandler;
/** The admin token that authenticated this request (the audit actor). */
export declare function operatorOf(request: FastifyRequest): AdminToken;
/** Lets a POST without a body (e.g. `curl -X POST …/rollback`) validate as an empty object. */
export declare function emptyBodyAsObject(request: FastifyRequest): Promise<void>;
//# sourceMappingURL=admin-auth-hook.d.ts.map