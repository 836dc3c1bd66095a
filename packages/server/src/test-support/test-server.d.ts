import { type InitResult } from '../init.js';
import { type ServerOptions, type TesseraServer } from '../server.js';
export type TestDialect = 'sqlite' | 'postgres';
/** Every HTTP suite that loops over databases uses this list. */
export declare const TEST_DIALECTS: readonly TestDialect[];
export interface TestServerOptions extends Partial<Omit<ServerOptions, 'database'>> {
    /**
     * `'sqlite'` (default: a file in the fresh data directory), `'postgres'` (a fresh schema on the
     * test PostgreSQL, dropped by `stop`), or any database URL (left alone by `stop`).
     */
    database?: TestDialect | string;
}
export interface RunningServer {
    url: string;
    server: TesseraServer;
    init: InitResult;
    dataDir: string;
    /** What the server runs on: tests edit rows directly through `url` (better-sqlite3 / pg). */
    database: {
        dialect: TestDialect;
        url: string;
    };
    stop(): Promise<void>;
}
/** A real server on 127.0.0.1 with a fresh demo data directory (SQLite unless `database` says otherwise). */
export declare function startTestServer(options?: TestServerOptions): Promise<RunningServer>;
//# sourceMappingURL=test-server.d.ts.map