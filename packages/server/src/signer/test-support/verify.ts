import { verify } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519.js'
import { ed25519PublicKeyObject } from '../ed25519-check.js'

/** Verifies an Ed25519 signature the two ways a Tessera client may: node:crypto and @noble/curves. */
export function verifyBoth(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) {
  return {
    node: verify(null, message, ed25519PublicKeyObject(publicKey), signature),
    noble: ed25519.verify(signature, message, publicKey),
  }
}
