import type { Storage } from '../storage.js';
/** The PostgreSQL server the suite runs against (trust auth). Override with TESSERA_TEST_PG. */
export declare const PG_URL: string;
/** Every storage test runs once per entry. */
export declare const dialects: readonly ["sqlite", "postgres"];
export type TestDialect = (typeof dialects)[number];
export interface FreshDatabase {
    /** URL for openStorage: a file in a new temp dir, or PG_URL with its own new schema. */
    url: string;
    /** Closes what it opened and removes the file / drops the schema. */
    cleanup(): Promise<void>;
}
/** An empty database nobody else uses, so test files can run in parallel. */
export declare function freshDatabase(dialect: TestDialect): Promise<FreshDatabase>;
/**
 * Opens storages over one fresh database and tracks them for cleanup. `open()` may be called
 * again for a second instance on the same database (a second replica / connection).
 */
export declare function fixture(dialect: TestDialect): Promise<{
    url: string;
    open(): Promise<Storage>;
    cleanup(): Promise<void>;
}>;
/**
 * One database per describe block (opening and migrating costs a few hundred ms on PostgreSQL);
 * tests in the block isolate themselves with unique ids. `ctx.s` is the storage, `ctx.fx` the fixture.
 */
export declare function useStorage(dialect: TestDialect): {
    fx: Awaited<ReturnType<typeof fixture>>;
    s: Storage;
};
//# sourceMappingURL=databases.d.ts.map