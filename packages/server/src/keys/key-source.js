import { isAbsolute, join } from 'node:path';
import { openFileSigner, openPkcs11Signer, resolvePassphrase } from '../signer/index.js';
/**
 * Where a private key lives: `file:<path>` (encrypted PKCS#8; relative paths are relative to the
 * data directory; passphrase from TESSERA_KEY_PASSPHRASE or TESSERA_KEY_PASSPHRASE_FILE) or an
 * RFC 7512 `pkcs11:` URI (HSM). The private key never leaves its signer.
 */
export async function openKeySource(source, kid, dataDir, env = process.env) {
    if (source.startsWith('pkcs11:'))
        return openPkcs11Signer(source, { kid, env });
    if (!source.startsWith('file:'))
        throw new Error(`unsupported key source scheme in "${source.split(':')[0]}"`);
    const path = source.slice('file:'.length);
    const passphrase = await resolvePassphrase({ env });
    return openFileSigner(isAbsolute(path) ? path : join(dataDir, path), { kid, passphrase });
}
//# sourceMappingURL=key-source.js.map