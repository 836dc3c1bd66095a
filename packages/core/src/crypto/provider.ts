/**
 * The cryptographic primitives core needs, injected so the same code runs in Node (node:crypto,
 * fast) and in browsers (pure JS). All functions are synchronous: a decision is computed
 * synchronously on the app's hot path.
 */
export interface CryptoProvider {
  /** RFC 8032 Ed25519 verification. `publicKey` 32 bytes, `signature` 64 bytes. */
  verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean
  /**
   * ECDSA P-256 with SHA-256 (JWS ES256). `publicKey` uncompressed SEC1 (65 bytes),
   * `signature` r‖s (64 bytes).
   */
  verifyP256(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean
  /** SHA-256 digest (32 bytes). */
  sha256(data: Uint8Array): Uint8Array
}
