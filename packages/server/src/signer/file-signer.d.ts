import { type Signer } from './signer.js';
export interface GenerateFileKeyOptions {
    /** Encrypts the PKCS#8 file with AES-256-CBC (PBES2) under this passphrase. Absent: unencrypted file. */
    passphrase?: string;
}
export interface GeneratedFileKey {
    path: string;
    /** Raw 32-byte Ed25519 public key. */
    publicKey: Uint8Array;
    /** False when no passphrase was given: the caller should warn that the key is stored in clear. */
    encrypted: boolean;
}
export interface OpenFileSignerOptions {
    /** Key id assigned by the key manager. */
    kid: string;
    /** Required when the file is encrypted; ignored otherwise. See resolvePassphrase(). */
    passphrase?: string;
}
/** A Signer over a PKCS#8 file; `encrypted` tells whether the file on disk was encrypted. */
export interface FileSigner extends Signer {
    readonly encrypted: boolean;
}
/**
 * Generates an Ed25519 key and writes it as PKCS#8 PEM (encrypted when a passphrase is given) with
 * mode 0600, atomically, refusing to overwrite an existing file (SIGNER_FILE_EXISTS).
 */
export declare function generateFileKey(path: string, options?: GenerateFileKeyOptions): Promise<GeneratedFileKey>;
/** Opens a PKCS#8 PEM Ed25519 key file as a Signer. The KeyObject stays inside the closure. */
export declare function openFileSigner(path: string, options: OpenFileSignerOptions): Promise<FileSigner>;
//# sourceMappingURL=file-signer.d.ts.map