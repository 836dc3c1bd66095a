import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePublicJwk } from '@tessera/core';
/** Files of a data directory, by role. One place, so init, serve and the CLI agree. */
export const dataFiles = (dir) => ({
    database: join(dir, 'tessera.db'),
    rootPublicKey: join(dir, 'root.pub.jwk'),
    rootPrivateKey: join(dir, 'keys', 'root.pem'),
    keysDir: join(dir, 'keys'),
    onlineKey: (kid) => join(dir, 'keys', `${kid}.pem`),
});
export async function readRootJwk(dir) {
    const text = await readFile(dataFiles(dir).rootPublicKey, 'utf8');
    const jwk = parsePublicJwk(JSON.parse(text));
    if (jwk.kty !== 'OKP')
        throw new Error('root.pub.jwk must hold an Ed25519 key');
    return jwk;
}
//# sourceMappingURL=data-dir.js.map