import { freshDatabase, PG_URL } from '../storage/test-support/databases.js';
export { PG_URL };
/**
 * A fresh, empty schema on the test PostgreSQL (`postgres://postgres@127.0.0.1:5432/test`, or
 * TESSERA_TEST_PG), so test files can run in parallel. Call `drop` in afterAll, after every server
 * using it has closed its pool.
 */
export async function pgSchema() {
    const db = await freshDatabase('postgres');
    let dropped = false;
    return {
        url: db.url,
        async drop() {
            if (dropped)
                return;
            dropped = true;
            await db.cleanup();
        },
    };
}
//# sourceMappingURL=pg-schema.js.map