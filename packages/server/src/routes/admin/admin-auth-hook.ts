import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { ServerContext } from '../../context.js'
import { HttpProblem } from '../../http/problem.js'
import { type AdminScope, requireScope } from '../../security/admin-auth.js'
import type { AdminToken } from '../../storage/index.js'

const authenticated = new WeakMap<FastifyRequest, AdminToken>()

/**
 * An onRequest hook: the admin token and its scope are checked before the body is even parsed, so
 * an unauthenticated caller learns nothing about the schema (401/403 come before 400).
 */
export function scope(ctx: ServerContext, needed: AdminScope): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    authenticated.set(request, await requireScope(ctx, request, needed))
  }
}

/** The admin token that authenticated this request (the audit actor). */
export function operatorOf(request: FastifyRequest): AdminToken {
  const token = authenticated.get(request)
  if (!token) throw new HttpProblem('UNAUTHORIZED', 'an admin token is required (Authorization: Bearer …)')
  return token
}

/** Lets a POST without a body (e.g. `curl -X POST …/rollback`) validate as an empty object. */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {}
}
