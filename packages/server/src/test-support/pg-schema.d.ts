import { PG_URL } from '../storage/test-support/databases.js';
export { PG_URL };
/** A PostgreSQL schema nobody else uses: the URL selects it (search_path); `drop` removes it. */
export interface PgSchema {
    /** `postgres://…?options=-c search_path=<schema>`, for openStorage / createServer / initDataDir. */
    url: string;
    drop(): Promise<void>;
}
/**
 * A fresh, empty schema on the test PostgreSQL (`postgres://postgres@127.0.0.1:5432/test`, or
 * TESSERA_TEST_PG), so test files can run in parallel. Call `drop` in afterAll, after every server
 * using it has closed its pool.
 */
export declare function pgSchema(): Promise<PgSchema>;
//# sourceMappingURL=pg-schema.d.ts.map