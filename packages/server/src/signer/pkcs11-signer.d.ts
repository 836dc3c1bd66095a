import { type Signer } from './signer.js';
export interface OpenPkcs11SignerOptions {
    /** Key id assigned by the key manager. */
    kid: string;
    /** Environment read for TESSERA_PKCS11_PIN when the URI has no PIN. Default `process.env`. */
    env?: Readonly<Record<string, string | undefined>>;
}
/**
 * Opens a Signer over the Ed25519 private key named by an RFC 7512 URI, e.g.
 * `pkcs11:token=tessera;object=lease-1?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/pin`.
 * One session per signer; sign() calls are serialized on it. A self-test signature is verified
 * against the public key before the signer is returned.
 */
export declare function openPkcs11Signer(uri: string, options: OpenPkcs11SignerOptions): Promise<Signer>;
//# sourceMappingURL=pkcs11-signer.d.ts.map