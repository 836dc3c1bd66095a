/**
 * The parts of an RFC 7512 PKCS#11 URI that Tessera uses. Values are percent-decoded; attributes we do
 * not use (library-*, slot-description, vendor x-*, …) are ignored, as RFC 7512 allows.
 */
export interface Pkcs11Uri {
    /** Token label (CK_TOKEN_INFO.label without its blank padding). */
    token?: string;
    manufacturer?: string;
    serial?: string;
    model?: string;
    /** CK_SLOT_ID as a decimal number. */
    slotId?: number;
    /** Object label (CKA_LABEL). */
    object?: string;
    /** Object id (CKA_ID), raw bytes. */
    id?: Uint8Array;
    /** Object type: private, public, cert, secret-key or data. */
    type?: string;
    /** Absolute path of the PKCS#11 library. Required. */
    modulePath: string;
    moduleName?: string;
    /** The user PIN itself. Never logged; see redactPkcs11Uri(). */
    pinValue?: string;
    /** Where to read the PIN: `file:/abs/path`, `file:///abs/path` or a plain path. */
    pinSource?: string;
}
/** Parses a `pkcs11:` URI. Errors (SIGNER_URI_INVALID) never repeat the URI, which may hold a PIN. */
export declare function parsePkcs11Uri(uri: string): Pkcs11Uri;
/** The URI with any pin-value replaced, for logs and error reports. */
export declare function redactPkcs11Uri(uri: string): string;
//# sourceMappingURL=pkcs11-uri.d.ts.map