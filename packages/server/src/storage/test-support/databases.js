import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openStorage } from '../open-storage.js';
/** The PostgreSQL server the suite runs against (trust auth). Override with TESSERA_TEST_PG. */
export const PG_URL = process.env.TESSERA_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Every storage test runs once per entry. */
export const dialects = ['sqlite', 'postgres'];
/** An empty database nobody else uses, so test files can run in parallel. */
export async function freshDatabase(dialect) {
    if (dialect === 'sqlite') {
        const dir = await mkdtemp(join(tmpdir(), 'tessera-storage-'));
        return { url: join(dir, 'tessera.db'), cleanup: () => rm(dir, { recursive: true, force: true }) };
    }
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create schema ${schema}`);
    return {
        url: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        cleanup: () => adminQuery(`drop schema if exists ${schema} cascade`),
    };
}
async function adminQuery(text) {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
        await client.query(text);
    }
    finally {
        await client.end();
    }
}
/**
 * Opens storages over one fresh database and tracks them for cleanup. `open()` may be called
 * again for a second instance on the same database (a second replica / connection).
 */
export async function fixture(dialect) {
    const db = await freshDatabase(dialect);
    const opened = [];
    return {
        url: db.url,
        async open() {
            const storage = await openStorage(db.url);
            opened.push(storage);
            return storage;
        },
        async cleanup() {
            await Promise.all(opened.map((s) => s.close()));
            await db.cleanup();
        },
    };
}
/**
 * One database per describe block (opening and migrating costs a few hundred ms on PostgreSQL);
 * tests in the block isolate themselves with unique ids. `ctx.s` is the storage, `ctx.fx` the fixture.
 */
export function useStorage(dialect) {
    const ctx = {};
    beforeAll(async () => {
        ctx.fx = await fixture(dialect);
        ctx.s = await ctx.fx.open();
    });
    afterAll(async () => {
        await ctx.fx?.cleanup();
    });
    return ctx;
}
//# sourceMappingURL=databases.js.map