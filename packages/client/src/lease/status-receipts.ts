import { decodeJws, verifyStatusReceipt, verifyTimeReceipt } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { observeFreshReceipt, observeReceipt } from '../clock/trusted-clock.js'
import { freshJti } from '../device/proof.js'
import { afterContact } from '../renewal/schedule.js'
import { statusTime } from '../store/record-merge.js'
import { isTransportError } from '../transport/transport-error.js'
import type { Engine } from './engine.js'

/**
 * Verifies a status receipt (from a check-in or a revocation 403) against the stored key set and
 * stores it beside the bundle: a revoked one locks at once, and survives restarts because it is
 * persisted before this returns. Returns the receipt's verdict, or null when it did not verify
 * (an unverifiable "revoked" never locks anything).
 */
export async function acceptStatusReceipt(engine: Engine, token: string): Promise<'good' | 'revoked' | null> {
  const verified = engine.state.verified()
  if (verified === null) return null
  let claims: ReturnType<typeof verifyStatusReceipt>
  try {
    claims = verifyStatusReceipt(token, verified.keyset, engine.options.product, nodeCrypto)
  } catch {
    return null
  }
  if (claims.sub !== verified.lease.sub || claims.dev !== engine.key.id) return null
  const now = engine.now()
  const outcome = claims.sts === 'revoked' ? 'revoked' : null
  await engine.commit((r) => ({
    ...r,
    status: statusTime(r.status) >= claims.iat ? r.status : token,
    clock: observeReceipt(r.clock, claims.iat, now),
    renewal: afterContact(r.renewal, now, outcome, engine.options.renewal, engine.options.random),
  }))
  engine.proofSkew = 0
  return claims.sts
}

/**
 * Asks the server for a signed time carrying a fresh nonce (so an old answer cannot be replayed).
 * Verified against the stored key set, it moves the trusted clock; without a key set (first
 * activation) it only aims the `iat` of the next proofs.
 */
export async function syncTime(engine: Engine): Promise<void> {
  const nonce = freshJti()
  const { receipt } = await engine.transport.time(nonce)
  const keyset = engine.state.verified()?.keyset
  if (keyset) {
    try {
      const claims = verifyTimeReceipt(receipt, keyset, nodeCrypto)
      if (claims.non === nonce) {
        const now = engine.now()
        await engine.commit((r) => ({ ...r, clock: observeFreshReceipt(r.clock, claims.iat, now) }))
        engine.proofSkew = 0
        return
      }
    } catch {
      // fall through: use it to aim proofs only
    }
  }
  const iat = (() => {
    try {
      return decodeJws(receipt, 'time').payload.iat
    } catch {
      return undefined
    }
  })()
  if (typeof iat === 'number') engine.proofSkew = iat - engine.serverTime()
}

/**
 * Runs a proof-carrying request; when the server refuses the proof (PROOF_INVALID: usually a
 * device clock far off), syncs time once and tries again.
 */
export async function withProofRetry<T>(engine: Engine, request: () => Promise<T>): Promise<T> {
  try {
    return await request()
  } catch (err) {
    if (!isTransportError(err) || err.code !== 'PROOF_INVALID') throw err
    await syncTime(engine).catch(() => {})
    return request()
  }
}
