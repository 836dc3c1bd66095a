export interface GeneratedPkcs11Key {
    /** Raw 32-byte Ed25519 public key. */
    publicKey: Uint8Array;
    /** CKA_ID of both objects: the URI's id, else 16 random bytes. */
    id: Uint8Array;
    /** CKA_LABEL of both objects (the URI's object attribute), if any. */
    label?: string;
    /** Which CKA_EC_PARAMS encoding the token accepted. */
    ecParams: 'oid' | 'printable-string';
}
export interface GeneratePkcs11KeyOptions {
    /** Environment read for TESSERA_PKCS11_PIN when the URI has no PIN. Default `process.env`. */
    env?: Readonly<Record<string, string | undefined>>;
}
/**
 * Generates an Ed25519 key pair inside the token named by the URI (object= label and/or id=), as token
 * objects; the private key is sensitive and non-extractable, so it can sign but never leave the token.
 * Refuses (SIGNER_KEY_EXISTS) when a private key with that label/id already exists.
 */
export declare function generatePkcs11Key(uri: string, options?: GeneratePkcs11KeyOptions): Promise<GeneratedPkcs11Key>;
//# sourceMappingURL=pkcs11-keygen.d.ts.map