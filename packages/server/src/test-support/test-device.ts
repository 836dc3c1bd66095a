import { generateKeyPairSync, sign as nodeSign, randomBytes } from 'node:crypto'
import {
  encodeBase64url,
  jwkThumbprint,
  type OfflineRequestClaims,
  type OkpPublicJwk,
  signJws,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'

/** A device as the client SDK would be: an Ed25519 key that signs proofs of possession. */
export class TestDevice {
  readonly jwk: OkpPublicJwk
  readonly id: string
  readonly fingerprint: string[]
  private readonly privateKey

  constructor(fingerprint = ['fp-machine', 'fp-cpu', 'fp-os', 'fp-host', 'fp-mac']) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const jwk = publicKey.export({ format: 'jwk' })
    this.jwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x! }
    this.id = jwkThumbprint(this.jwk, nodeCrypto)
    this.privateKey = privateKey
    this.fingerprint = fingerprint
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
