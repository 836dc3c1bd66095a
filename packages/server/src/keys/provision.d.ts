import { type OkpPublicJwk } from '@tessera/core';
import type { Storage } from '../storage/index.js';
export interface ProvisionOptions {
    dataDir: string;
    storage: Storage;
    /** Issuer name written in every token (`iss`). */
    issuer: string;
    /** Encrypts the key files when given; without it they are plain PKCS#8 (the caller warns). */
    passphrase?: string;
    /** Epoch seconds. */
    now: number;
}
export interface Provisioned {
    rootJwk: OkpPublicJwk;
    rootKeyFile: string;
    onlineKid: string;
    encrypted: boolean;
}
/**
 * First-run key ceremony: a root key (kept in the data directory; move it offline and import
 * future key sets to run an offline root), one online Ed25519 key for every purpose, and key set
 * version 1 signed by the root. Writes root.pub.jwk, the public key apps pin.
 */
export declare function provisionKeys(options: ProvisionOptions): Promise<Provisioned>;
/** A new online key file named after its kid (a prefix of its RFC 7638 thumbprint). */
export declare function newOnlineKey(dataDir: string, passphrase?: string): Promise<{
    kid: string;
    publicKey: Uint8Array<ArrayBufferLike>;
}>;
//# sourceMappingURL=provision.d.ts.map