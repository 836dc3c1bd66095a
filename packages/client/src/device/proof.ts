import { randomBytes } from 'node:crypto'
import { type OfflineRequestClaims, type ProofClaims, signJws } from '@tessera/core'
import { bodyHash } from '../transport/http-transport.js'
import type { Prover } from '../transport/transport.js'
import type { DeviceKey } from './device-key.js'

/** A fresh single-use id: 16 random bytes, base64url (22 characters). */
export function freshJti(): string {
  return randomBytes(16).toString('base64url')
}

/**
 * Signs `Tessera-Proof` headers with the device key. `iat` comes from `serverTime`, the client's
 * best estimate of the server's clock (signed time plus elapsed), so a device whose own clock is
 * off still lands inside the server's ±300 s window.
 */
export function createProver(key: DeviceKey, serverTime: () => number): Prover {
  return async (request) => {
    const claims: ProofClaims = {
      v: 1,
      htm: request.method,
      htu: request.path,
      iat: Math.floor(serverTime()),
      jti: freshJti(),
      bdh: bodyHash(request.body),
    }
    if (request.nonce !== undefined) claims.non = request.nonce
    return signJws('proof', key.id, claims, (data) => key.sign(data))
  }
}

/** An air-gapped request file's content: signed by the device key it carries (proof of possession). */
export function signOfflineRequest(
  key: DeviceKey,
  claims: Omit<OfflineRequestClaims, 'jwk'>,
): Promise<string> {
  const full: OfflineRequestClaims = { ...claims, jwk: { ...key.publicJwk } }
  return signJws('offlineRequest', key.id, full, (data) => key.sign(data))
}
