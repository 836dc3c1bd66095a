import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.js';
/**
 * Every error leaves as application/problem+json with a stable code: validation and parsing
 * errors become 4xx, an unreachable database 503 with Retry-After, anything unexpected a 500
 * whose detail reveals nothing (the cause is logged, redacted).
 */
export declare function installErrorHandler(app: FastifyInstance): void;
/**
 * For Fastify's `frameworkErrors` option: errors raised before routing (a URL that does not
 * decode) leave as problems too instead of Fastify's plain JSON.
 */
export declare function frameworkErrorProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void;
export declare function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: HttpProblem): FastifyReply;
export declare function toProblem(error: FastifyError | Error): HttpProblem;
//# sourceMappingURL=error-handler.d.ts.map