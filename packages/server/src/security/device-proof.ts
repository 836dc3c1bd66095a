import {
  decodeJws,
  encodeBase64url,
  isTesseraError,
  type ProofClaims,
  type PublicJwk,
  verifyDeviceProof,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type { FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { HttpProblem } from '../http/problem.js'
import type { Storage } from '../storage/index.js'

export const PROOF_HEADER = 'tessera-proof'

/** The device id a request's proof claims to come from (its kid), before anything is verified. */
export function proofDeviceId(request: FastifyRequest): string {
  const header = request.headers[PROOF_HEADER]
  if (typeof header !== 'string' || header.length === 0)
    throw new HttpProblem('PROOF_INVALID', 'Tessera-Proof header is required')
  try {
    return decodeJws(header, 'proof').kid
  } catch (err) {
    throw new HttpProblem(
      'PROOF_INVALID',
      `Tessera-Proof is malformed (${isTesseraError(err) ? err.code : 'invalid'})`,
    )
  }
}

/**
 * Verifies the request's proof of possession with the device's key: bound to this method, path
 * and exact body bytes, fresh, optionally carrying a server nonce, and never seen before (its jti
 * is remembered in the database, so replays are refused by every replica).
 */
export async function requireDeviceProof(
  ctx: ServerContext,
  request: FastifyRequest,
  deviceKey: PublicJwk,
  deviceId: string,
  nonce?: string,
): Promise<ProofClaims> {
  const claims = verifyProof(ctx, request, deviceKey, nonce)
  if (!(await rememberProof(ctx, ctx.storage, deviceId, claims))) throw replayed()
  return claims
}

/** The signature and bindings of the request's proof (no storage: the replay check is separate). */
export function verifyProof(
  ctx: ServerContext,
  request: FastifyRequest,
  deviceKey: PublicJwk,
  nonce?: string,
): ProofClaims {
  const header = request.headers[PROOF_HEADER]
  const raw = (request as FastifyRequest & { rawBody?: string }).rawBody ?? ''
  const check = {
    method: request.method,
    path: request.url.split('?')[0]!,
    bodyHash: encodeBase64url(nodeCrypto.sha256(Buffer.from(raw, 'utf8'))),
    now: ctx.now(),
    maxSkew: ctx.proofSkewSeconds,
    ...(nonce !== undefined ? { nonce } : {}),
  }
  try {
    return verifyDeviceProof(header, deviceKey, check, nodeCrypto)
  } catch (err) {
    throw new HttpProblem(
      'PROOF_INVALID',
      `device proof rejected (${isTesseraError(err) ? err.code : 'invalid'})`,
    )
  }
}

/**
 * Remembers a verified proof's jti until it could no longer pass the freshness check; false when
 * it was already used (a replay). `storage` may be a transaction handle.
 */
export function rememberProof(
  ctx: ServerContext,
  storage: Storage,
  deviceId: string,
  claims: ProofClaims,
): Promise<boolean> {
  return storage.rememberOnce(`pop:${deviceId}:${claims.jti}`, claims.iat + ctx.proofSkewSeconds)
}

export const replayed = (): HttpProblem =>
  new HttpProblem('PROOF_INVALID', 'device proof was already used (replay)')
