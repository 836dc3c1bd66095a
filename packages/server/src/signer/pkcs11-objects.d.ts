import { type Handle, type Pkcs11 } from './pkcs11-module.js';
import type { Pkcs11Uri } from './pkcs11-uri.js';
type Attribute = {
    type: number;
    value?: number | boolean | string | Buffer;
};
/** The one initialized token matching the URI's token attributes (label, serial, …, slot-id). */
export declare function findSlot(lib: Pkcs11, uri: Pkcs11Uri): Handle;
/** Throws SIGNER_MECHANISM_UNSUPPORTED unless the token offers every mechanism in `needed`. */
export declare function requireMechanisms(lib: Pkcs11, slot: Handle, needed: readonly number[]): void;
/** CKA_LABEL / CKA_ID selection from the URI's object and id attributes. */
export declare function objectSelector(uri: Pkcs11Uri): Attribute[];
/** Up to `max` objects matching `template`. */
export declare function findObjects(lib: Pkcs11, session: Handle, template: Attribute[], max?: number): Handle[];
/** The single Ed25519 private key selected by the URI. */
export declare function findPrivateKey(lib: Pkcs11, session: Handle, uri: Pkcs11Uri): Handle;
/**
 * Raw Ed25519 public key of `privateKey`: CKA_EC_POINT of the public key object with the same CKA_ID
 * (or, lacking an id, the same selector), falling back to the private key's own CKA_EC_POINT.
 */
export declare function readPublicKey(lib: Pkcs11, session: Handle, privateKey: Handle, uri: Pkcs11Uri): Uint8Array;
/**
 * CKA_EC_POINT of an Edwards key is a DER OCTET STRING (04 20 || 32 bytes) per PKCS#11 3.0; some
 * tokens return the 32 raw bytes. Anything else (e.g. a 57-byte Ed448 point) is not Ed25519.
 */
export declare function unwrapEcPoint(point: Uint8Array): Uint8Array;
export declare function getAttribute(lib: Pkcs11, session: Handle, object: Handle, type: number): Buffer;
/** A CK_ULONG (slot id, key type, …) as returned by pkcs11js: native-endian, 4 or 8 bytes. */
export declare function readUlong(buf: Buffer): number;
export {};
//# sourceMappingURL=pkcs11-objects.d.ts.map