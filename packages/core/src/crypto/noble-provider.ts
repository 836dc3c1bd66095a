import { ed25519 } from '@noble/curves/ed25519.js'
import { p256 } from '@noble/curves/nist.js'
import { sha256 } from '@noble/hashes/sha2.js'
import type { CryptoProvider } from './provider.js'

/**
 * Pure-JavaScript provider (audited @noble libraries): runs unchanged in browsers and Node.
 * Node apps should prefer the node:crypto provider of @tessera/crypto-node, which is ~20× faster.
 */
export const nobleCrypto: CryptoProvider = Object.freeze({
  verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    try {
      return ed25519.verify(signature, message, publicKey, { zip215: false })
    } catch {
      return false
    }
  },
  verifyP256(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    try {
      return p256.verify(signature, message, publicKey, { lowS: false })
    } catch {
      return false
    }
  },
  sha256(data: Uint8Array): Uint8Array {
    return sha256(data)
  },
})
