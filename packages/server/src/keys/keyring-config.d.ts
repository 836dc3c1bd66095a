import type { KeyPurpose } from '@tessera/core';
import type { Storage } from '../storage/index.js';
/** One online key as configured: which kid, what it may sign, where its private key is. */
export interface OnlineKeyConfig {
    kid: string;
    use: KeyPurpose[];
    /** `file:keys/<kid>.pem` or a `pkcs11:` URI (see openKeySource). */
    source: string;
}
/**
 * The keyring configuration lives in the database, so every replica signs with the same keys
 * (each replica needs access to the sources: a shared data directory or the same HSM).
 */
export interface KeyringConfig {
    issuer: string;
    keys: OnlineKeyConfig[];
    /** Where the root key is, when it is kept online (absent: offline root, key sets are imported). */
    root?: string;
}
export declare function loadKeyringConfig(storage: Storage): Promise<KeyringConfig | undefined>;
export declare function saveKeyringConfig(storage: Storage, config: KeyringConfig): Promise<void>;
//# sourceMappingURL=keyring-config.d.ts.map