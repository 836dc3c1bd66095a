import { randomBytes } from 'node:crypto';
import { buildApp } from './app.js';
import { DEFAULT_RATE_LIMITS } from './context.js';
import { dataFiles, readRootJwk } from './keys/data-dir.js';
import { Keyring } from './keys/keyring.js';
import { createMetrics } from './metrics/metrics.js';
import { openStorage } from './storage/index.js';
/** Opens storage and keys and builds the app; nothing listens until `listen`. */
export async function createServer(options) {
    const storage = await openStorage(options.database ?? dataFiles(options.dataDir).database);
    let keyring;
    try {
        keyring = await Keyring.load(storage, options.dataDir, await readRootJwk(options.dataDir));
        const context = makeContext(options, storage, keyring);
        const app = await buildApp(context, options);
        const loaded = keyring;
        const refresher = setInterval(() => void loaded.refresh().catch(() => undefined), (options.keyringRefreshSeconds ?? 60) * 1000);
        refresher.unref();
        return {
            app,
            context,
            async listen({ host = '127.0.0.1', port = 7300 }) {
                const address = await app.listen({ host, port });
                return address.replace('[::1]', 'localhost');
            },
            async close() {
                clearInterval(refresher);
                await app.close();
                await keyring?.close();
                await storage.close();
            },
        };
    }
    catch (err) {
        await keyring?.close();
        await storage.close();
        throw err;
    }
}
function makeContext(options, storage, keyring) {
    return {
        storage,
        keyring,
        metrics: createMetrics({ seatsInUse: () => storage.countActiveSeats() }),
        now: options.now ?? (() => Math.floor(Date.now() / 1000)),
        random: options.random ?? ((size) => randomBytes(size)),
        dataDir: options.dataDir,
        rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
        proofSkewSeconds: options.proofSkewSeconds ?? 300,
    };
}
//# sourceMappingURL=server.js.map