import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { ed25519Jwk, jwkThumbprint, type OkpPublicJwk } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type { DeviceKeyRecord } from '../store/records.js'

/** The device's signing key: its public JWK, its id (RFC 7638 thumbprint) and a signer. */
export interface DeviceKey {
  readonly id: string
  readonly publicJwk: OkpPublicJwk
  /** Ed25519 signature (64 bytes) over `data`. The private key never leaves this object. */
  sign(data: Uint8Array): Uint8Array
}

/** A new Ed25519 key pair from the OS CSPRNG, as the record to store sealed. */
export function generateDeviceKey(): DeviceKeyRecord {
  const { privateKey } = generateKeyPairSync('ed25519')
  const jwk = privateKey.export({ format: 'jwk' })
  if (typeof jwk.x !== 'string' || typeof jwk.d !== 'string') throw new Error('Ed25519 JWK export failed')
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }
}

/**
 * Loads a stored key; throws when the private part does not match the public part (a damaged or
 * forged record), so a device can never sign with a key other than the one its id names.
 */
export function loadDeviceKey(record: DeviceKeyRecord): DeviceKey {
  const privateKey: KeyObject = createPrivateKey({ key: { ...record }, format: 'jwk' })
  const derived = privateKey.export({ format: 'jwk' })
  if (derived.x !== record.x) throw new Error('device key pair mismatch')
  const publicJwk = ed25519Jwk(new Uint8Array(Buffer.from(record.x, 'base64url')))
  return Object.freeze({
    id: jwkThumbprint(publicJwk, nodeCrypto),
    publicJwk,
    sign: (data: Uint8Array) => new Uint8Array(sign(null, data, privateKey)),
  })
}
