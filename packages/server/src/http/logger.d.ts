import type { FastifyServerOptions } from 'fastify';
/** Structured JSON logs (pino) with secrets redacted; `false` silences them (tests). */
export declare function loggerOptions(level: string | false): FastifyServerOptions['logger'];
//# sourceMappingURL=logger.d.ts.map