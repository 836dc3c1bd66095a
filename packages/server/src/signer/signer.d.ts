/**
 * The one interface behind which Tessera's online signing keys live (encrypted PKCS#8 file or PKCS#11
 * token). Issuance code only ever sees this: it gets a public key and signatures, never key material.
 */
export interface Signer {
    /** Key id assigned by the key manager (opaque string). */
    readonly kid: string;
    readonly alg: 'EdDSA';
    /** Raw 32-byte Ed25519 public key. */
    readonly publicKey: Uint8Array;
    /** Ed25519 signature (64 bytes) over data. The private key never leaves the signer. */
    sign(data: Uint8Array): Promise<Uint8Array>;
    close(): Promise<void>;
}
/**
 * Stable error codes of the signers. Callers and tests branch on these, never on messages.
 */
export type SignerErrorCode = 
/** The passphrase does not decrypt the key file (or the encrypted part is corrupted). */
'SIGNER_BAD_PASSPHRASE'
/** The key file is encrypted and no passphrase was given (or the passphrase source is empty). */
 | 'SIGNER_PASSPHRASE_REQUIRED'
/** The key file is not a PKCS#8 PEM private key. */
 | 'SIGNER_FILE_INVALID'
/** Refused to overwrite an existing key file. */
 | 'SIGNER_FILE_EXISTS'
/** Reading or writing a key, passphrase or PIN file failed. */
 | 'SIGNER_IO_ERROR'
/** The key is not an Ed25519 key. */
 | 'SIGNER_UNSUPPORTED_KEY'
/** The public key does not match the private key (self-test signature did not verify). */
 | 'SIGNER_KEY_MISMATCH'
/** No private key matches the label/id. */
 | 'SIGNER_KEY_NOT_FOUND'
/** Several private keys match the label/id. */
 | 'SIGNER_KEY_AMBIGUOUS'
/** Refused to generate a key: one with this label/id already exists. */
 | 'SIGNER_KEY_EXISTS'
/** The PKCS#11 URI is malformed or lacks a required attribute. */
 | 'SIGNER_URI_INVALID'
/** The PKCS#11 module could not be loaded or initialized. */
 | 'SIGNER_MODULE_LOAD_FAILED'
/** No initialized token matches the URI. */
 | 'SIGNER_TOKEN_NOT_FOUND'
/** Several tokens match the URI. */
 | 'SIGNER_TOKEN_AMBIGUOUS'
/** The token refused the user PIN. */
 | 'SIGNER_PIN_INCORRECT'
/** The token's user PIN is locked. */
 | 'SIGNER_PIN_LOCKED'
/** No PIN in the URI, no pin-source and no TESSERA_PKCS11_PIN. */
 | 'SIGNER_PIN_REQUIRED'
/** The token does not offer the EdDSA mechanisms. */
 | 'SIGNER_MECHANISM_UNSUPPORTED'
/** Any other PKCS#11 failure (the CKR_* name is in the message, the original error on `cause`). */
 | 'SIGNER_PKCS11_ERROR'
/** sign() after close(). */
 | 'SIGNER_CLOSED';
/** The one error class of the signers: a stable `code`, a message free of secrets, context on `cause`. */
export declare class SignerError extends Error {
    readonly code: SignerErrorCode;
    constructor(code: SignerErrorCode, message: string, options?: {
        cause?: unknown;
    });
}
/** True when `err` is a SignerError, optionally with the given code. */
export declare function isSignerError(err: unknown, code?: SignerErrorCode): err is SignerError;
//# sourceMappingURL=signer.d.ts.map