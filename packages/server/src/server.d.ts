import type { FastifyInstance } from 'fastify';
import { type AppOptions } from './app.js';
import { type RateLimits, type ServerContext } from './context.js';
/** How to run a license server. Every field has a default but the data directory. */
export interface ServerOptions extends AppOptions {
    /** The data directory created by `tessera init` (keys, root.pub.jwk, the SQLite file). */
    dataDir: string;
    /** `postgres://…` for PostgreSQL; default: the SQLite file in the data directory. */
    database?: string;
    /** Current time in epoch seconds; injectable for tests. */
    now?: () => number;
    random?: (size: number) => Uint8Array;
    rateLimits?: Partial<RateLimits>;
    /** Seconds a device proof may be early or late. Default 300. */
    proofSkewSeconds?: number;
    /** Seconds between checks for a key set published by another replica (rotation, import). Default 60. */
    keyringRefreshSeconds?: number;
}
export interface TesseraServer {
    readonly app: FastifyInstance;
    readonly context: ServerContext;
    /** Starts listening; resolves with the base URL (e.g. http://127.0.0.1:7300). */
    listen(options: {
        host?: string;
        port?: number;
    }): Promise<string>;
    close(): Promise<void>;
}
/** Opens storage and keys and builds the app; nothing listens until `listen`. */
export declare function createServer(options: ServerOptions): Promise<TesseraServer>;
//# sourceMappingURL=server.d.ts.map