import type { OkpPublicJwk } from '@tessera/core';
import { type KeysetClaims, type TokenKind } from '@tessera/core';
import type { Signer } from '../signer/index.js';
import type { Storage } from '../storage/index.js';
/** The published trust material: root rotation chain and the current root-signed key set. */
export interface PublishedKeys {
    chain: string[];
    keyset: string;
    version: number;
}
/**
 * The server's online signing keys and the key set that vouches for them. Loaded from the
 * database (config + latest key set) and the key sources; `sign` picks, for each token kind, the
 * newest key allowed to sign it whose window covers now.
 */
export declare class Keyring {
    readonly issuer: string;
    readonly rootJwk: OkpPublicJwk;
    private published;
    private verified;
    private readonly signers;
    private readonly source;
    /** The reload in progress, so concurrent refreshes share one. */
    private reloading;
    private constructor();
    /**
     * Reads the configuration and the latest key set and opens a signer for every configured key
     * the key set lists. Signers in `reuse` (by kid) are kept instead of being opened again.
     */
    static load(storage: Storage, dataDir: string, rootJwk: OkpPublicJwk, chain?: string[], reuse?: ReadonlyMap<string, Signer>): Promise<Keyring>;
    current(): PublishedKeys;
    get keysetClaims(): KeysetClaims;
    /** Signs claims as a token of `kind` with the newest suitable key. */
    sign(kind: TokenKind, claims: {
        iat: number;
    }): Promise<string>;
    /** The standard JWKS of the online keys, for any JOSE library. */
    jwks(): {
        keys: object[];
    };
    /**
     * Adopts a newer key set published by another replica or an operator (rotation, import).
     * Signers of keys still listed are kept, so signatures in flight are not cut off; those of keys
     * no longer listed are closed. Resolves true when a newer key set was adopted.
     */
    refresh(storage?: Storage, dataDir?: string): Promise<boolean>;
    private reload;
    close(): Promise<void>;
    private signerFor;
}
//# sourceMappingURL=keyring.d.ts.map