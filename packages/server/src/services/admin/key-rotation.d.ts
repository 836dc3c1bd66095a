import type { ServerContext } from '../../context.js';
import { type KeyringConfig } from '../../keys/keyring-config.js';
import type { AdminToken } from '../../storage/index.js';
/** What an operator sees of a key set: its version and each key's window, no key material. */
export declare function keysetSummary(ctx: ServerContext): {
    version: number;
    keys: {
        kid: string;
        use: import("@tessera/core").KeyPurpose[];
        nbf: number;
        exp: number;
    }[];
};
export declare function requireKeyringConfig(ctx: ServerContext): Promise<KeyringConfig>;
/**
 * Online key rotation with an online root: a new Ed25519 key file (encrypted with the server's
 * key passphrase when one is configured) joins key set version+1, signed by the root; the old
 * keys stay listed with their window ending now, so every token they signed keeps verifying
 * while only the new key signs. With an offline root: 409 ROOT_KEY_OFFLINE, nothing changes.
 */
export declare function rotateOnlineKey(ctx: ServerContext, operator: AdminToken): Promise<{
    version: number;
    keys: {
        kid: string;
        use: import("@tessera/core").KeyPurpose[];
        nbf: number;
        exp: number;
    }[];
    kid: string;
}>;
//# sourceMappingURL=key-rotation.d.ts.map