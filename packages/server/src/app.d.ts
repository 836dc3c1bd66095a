import { type FastifyInstance } from 'fastify';
import type { ServerContext } from './context.js';
import { type LoadSheddingOptions } from './http/load-shedding.js';
export interface AppOptions {
    /** pino level, or false for no logs. Default 'info'. */
    logLevel?: string | false;
    /** Largest request body, bytes. Default 64 KiB. */
    bodyLimit?: number;
    /** Milliseconds a request may take end to end. Default 15 000. */
    requestTimeout?: number;
    /** Extra route plugins (admin API, dashboard), registered after the built-in ones. */
    plugins?: ((app: FastifyInstance) => Promise<void>)[];
    /** Sheds requests past capacity with 503 OVERLOADED + Retry-After; false disables. Default: generous limits. */
    loadShedding?: LoadSheddingOptions | false;
}
/** The Fastify application: strict schemas, problem+json errors, OpenAPI, device and public routes. */
export declare function buildApp(ctx: ServerContext, options?: AppOptions): Promise<FastifyInstance>;
//# sourceMappingURL=app.d.ts.map