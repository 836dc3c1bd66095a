import { type KeyObject } from 'node:crypto';
/** Wraps a raw 32-byte Ed25519 public key as a node:crypto KeyObject. */
export declare function ed25519PublicKeyObject(raw: Uint8Array): KeyObject;
/**
 * Signs a random challenge and verifies it against `publicKey`, so a signer whose public key does not
 * belong to its private key (e.g. mismatched PKCS#11 objects) fails at open, not in clients' hands.
 */
export declare function assertKeyPairMatches(publicKey: Uint8Array, sign: (data: Uint8Array) => Promise<Uint8Array>): Promise<void>;
//# sourceMappingURL=ed25519-check.d.ts.map