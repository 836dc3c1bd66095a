import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initDataDir } from '../init.js';
import { dataFiles } from '../keys/data-dir.js';
import { createServer } from '../server.js';
import { pgSchema } from './pg-schema.js';
/** Every HTTP suite that loops over databases uses this list. */
export const TEST_DIALECTS = ['sqlite', 'postgres'];
/** A real server on 127.0.0.1 with a fresh demo data directory (SQLite unless `database` says otherwise). */
export async function startTestServer(options = {}) {
    const { database: choice = 'sqlite', ...serverOptions } = options;
    const dataDir = await mkdtemp(join(tmpdir(), 'tessera-server-'));
    let schema;
    let server;
    const cleanup = async () => {
        await server?.close().catch(() => undefined);
        await schema?.drop();
        await rm(dataDir, { recursive: true, force: true });
    };
    try {
        if (choice === 'postgres')
            schema = await pgSchema();
        const url = schema?.url ?? (choice === 'sqlite' ? dataFiles(dataDir).database : choice);
        const dialect = /^postgres(ql)?:/i.test(url) ? 'postgres' : 'sqlite';
        const init = await initDataDir({ dataDir, demo: true, database: url });
        server = await createServer({ dataDir, logLevel: false, ...serverOptions, database: url });
        const running = server;
        const base = await running.listen({ host: '127.0.0.1', port: 0 });
        return { url: base, server: running, init, dataDir, database: { dialect, url }, stop: cleanup };
    }
    catch (err) {
        await cleanup();
        throw err;
    }
}
//# sourceMappingURL=test-server.js.map