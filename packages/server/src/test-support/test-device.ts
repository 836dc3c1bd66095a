import { generateKeyPairSync, sign as nodeSign, randomBytes } from 'node:crypto'
import {
  componentHash,
  encodeBase64url,
  jwkThumbprint,
  type OfflineRequestClaims,
  type OkpPublicJwk,
  signJws,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'

/** The component names the client SDK reads on a desktop (client device/fingerprint.ts). */
const COMPONENT_NAMES = ['machine-id', 'os', 'cpu', 'host', 'mac', 'disk']

/** `count` fingerprint component hashes (6 characters each) of a machine called `machine`. */
export function testFingerprint(machine: string, count = 5, product = 'demo'): string[] {
  return Array.from({ length: count }, (_, i) =>
    componentHash(product, COMPONENT_NAMES[i % COMPONENT_NAMES.length]!, `${machine}-${i}`, nodeCrypto),
  )
}

/** A device as the client SDK would be: an Ed25519 key that signs proofs of possession. */
export class TestDevice {
  readonly jwk: OkpPublicJwk
  readonly id: string
  /** Its hardware fingerprint: 5 component hashes unique to this device unless given. */
  readonly fingerprint: string[]
  private readonly privateKey

  constructor(fingerprint?: string[]) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const jwk = publicKey.export({ format: 'jwk' })
    this.jwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x! }
    this.id = jwkThumbprint(this.jwk, nodeCrypto)
    this.privateKey = privateKey
    this.fingerprint = fingerprint ?? testFingerprint(this.id)
  }

  /** A Tessera-Proof header value for this exact request. */
  proof(
    method: string,
    path: string,
    body: string,
    over: { iat?: number; nonce?: string; jti?: string } = {},
  ): Promise<string> {
    const claims = {
      v: 1,
      htm: method,
      htu: path,
      iat: over.iat ?? Math.floor(Date.now() / 1000),
      jti: over.jti ?? encodeBase64url(randomBytes(12)),
      bdh: encodeBase64url(nodeCrypto.sha256(Buffer.from(body, 'utf8'))),
      ...(over.nonce ? { non: over.nonce } : {}),
    }
    return signJws('proof', this.id, claims, (data) => nodeSign(null, data, this.privateKey))
  }

  /** An air-gapped request file (offlineRequest JWS) carrying this device's key and fingerprint. */
  async offlineRequest(
    claims: Partial<OfflineRequestClaims> & Pick<OfflineRequestClaims, 'aud' | 'kind' | 'lkh'>,
  ): Promise<{ jti: string; token: string }> {
    const full: OfflineRequestClaims = {
      v: 1,
      iat: Math.floor(Date.now() / 1000),
      jti: encodeBase64url(randomBytes(12)),
      jwk: { ...this.jwk },
      hwf: this.fingerprint,
      ...claims,
    }
    const token = await signJws('offlineRequest', this.id, full, (data) =>
      nodeSign(null, data, this.privateKey),
    )
    return { jti: full.jti, token }
  }
}
