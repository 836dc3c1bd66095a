import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isStorageError } from '../storage/index.js'
import { HttpProblem } from './problem.js'

/** Seconds a client should wait before retrying while the database is unreachable. */
const STORAGE_RETRY_AFTER = 5

/**
 * Every error leaves as application/problem+json with a stable code: validation and parsing
 * errors become 4xx, an unreachable database 503 with Retry-After, anything unexpected a 500
 * whose detail reveals nothing (the cause is logged, redacted).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error)
    if (problem.status >= 500 && problem.code !== 'STORAGE_UNAVAILABLE' && problem.code !== 'OVERLOADED') {
      request.log.error({ err: error }, 'request failed')
    }
    sendProblem(reply, request, problem)
  })
  app.setNotFoundHandler((request, reply) => {
    sendProblem(
      reply,
      request,
      new HttpProblem('NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`),
    )
  })
}

/**
 * For Fastify's `frameworkErrors` option: errors raised before routing (a URL that does not
 * decode) leave as problems too instead of Fastify's plain JSON.
 */
export function frameworkErrorProblem(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  sendProblem(reply, request, toProblem(error))
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: HttpProblem,
): FastifyReply {
  if (problem.retryAfter !== undefined) reply.header('retry-after', String(problem.retryAfter))
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send(problem.body(request.url.split('?')[0]))
}

export function toProblem(error: FastifyError | Error): HttpProblem {
  if (error instanceof HttpProblem) return error
  if (isStorageError(error)) return storageProblem(error.code, error)
  const e = error as FastifyError & { validation?: { instancePath?: string; message?: string }[] }
  if (e.validation) {
    const errors = e.validation.map((v) => ({ path: v.instancePath || '/', message: v.message ?? 'invalid' }))
    return new HttpProblem(
      'VALIDATION_FAILED',
      `${e.validationContext ?? 'request'} does not match the schema`,
      {
        extensions: { errors },
      },
    )
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpProblem('PAYLOAD_TOO_LARGE', 'request body is too large')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem('UNSUPPORTED_MEDIA_TYPE', 'send application/json')
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new HttpProblem('URI_TOO_LONG', 'a path segment of the URL is too long')
    case 'FST_ERR_BAD_URL':
      return new HttpProblem('VALIDATION_FAILED', 'the request URL is not valid')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpProblem('MALFORMED_JSON', 'request body is not valid JSON')
  }
  if (e instanceof SyntaxError || e.statusCode === 400)
    return new HttpProblem('MALFORMED_JSON', 'request body is not valid JSON')
  if (e.statusCode === 413) return new HttpProblem('PAYLOAD_TOO_LARGE', 'request body is too large')
  if (e.statusCode === 415) return new HttpProblem('UNSUPPORTED_MEDIA_TYPE', 'send application/json')
  return new HttpProblem('INTERNAL', 'the server could not complete the request', { cause: error })
}

function storageProblem(code: string, cause: Error): HttpProblem {
  switch (code) {
    case 'STORAGE_UNAVAILABLE':
      return new HttpProblem('STORAGE_UNAVAILABLE', 'the database is unavailable; retry later', {
        retryAfter: STORAGE_RETRY_AFTER,
        cause,
      })
    case 'STORAGE_CONFLICT':
      return new HttpProblem('CONFLICT', 'the resource exists or its state forbids the change', { cause })
    case 'STORAGE_NOT_FOUND':
      return new HttpProblem('NOT_FOUND', 'no such resource', { cause })
    case 'STORAGE_INVALID':
      return new HttpProblem('VALIDATION_FAILED', 'a value was refused by the database', { cause })
    default:
      return new HttpProblem('INTERNAL', 'the server could not complete the request', { cause })
  }
}
