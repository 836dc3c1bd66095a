import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { dataFiles } from './keys/data-dir.js';
import { provisionKeys } from './keys/provision.js';
import { createAdminToken } from './security/admin-auth.js';
import { seedDemo } from './services/demo-seed.js';
import { openStorage } from './storage/index.js';
/** Refused when the directory exists and is not empty: init never overwrites keys. */
export class DataDirExistsError extends Error {
    code = 'DATA_DIR_EXISTS';
}
/**
 * Creates a data directory: the database, a root key and an online key (encrypted when a
 * passphrase is given), root.pub.jwk, key set version 1 and the first admin token (returned once).
 */
export async function initDataDir(options) {
    const entries = await readdir(options.dataDir).catch(() => null);
    if (entries && entries.length > 0)
        throw new DataDirExistsError(`${options.dataDir} exists and is not empty`);
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    const now = options.now ?? (() => Math.floor(Date.now() / 1000));
    const storage = await openStorage(options.database ?? dataFiles(options.dataDir).database);
    try {
        const keys = await provisionKeys({
            dataDir: options.dataDir,
            storage,
            issuer: options.issuer ?? 'tessera',
            now: now(),
            ...(options.passphrase ? { passphrase: options.passphrase } : {}),
        });
        const admin = await createAdminToken(storage, {
            label: 'initial',
            scopes: ['admin'],
            now: now(),
            random: randomBytes,
        });
        const result = {
            adminToken: admin.token,
            rootKeyFile: keys.rootKeyFile,
            encrypted: keys.encrypted,
        };
        if (options.demo)
            result.demo = await seedDemo(storage, { now: now(), random: randomBytes });
        return result;
    }
    finally {
        await storage.close();
    }
}
//# sourceMappingURL=init.js.map