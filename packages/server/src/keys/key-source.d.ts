import { type Signer } from '../signer/index.js';
/**
 * Where a private key lives: `file:<path>` (encrypted PKCS#8; relative paths are relative to the
 * data directory; passphrase from TESSERA_KEY_PASSPHRASE or TESSERA_KEY_PASSPHRASE_FILE) or an
 * RFC 7512 `pkcs11:` URI (HSM). The private key never leaves its signer.
 */
export declare function openKeySource(source: string, kid: string, dataDir: string, env?: NodeJS.ProcessEnv): Promise<Signer>;
//# sourceMappingURL=key-source.d.ts.map