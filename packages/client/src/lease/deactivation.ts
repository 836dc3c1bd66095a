import { type DeactivationClaims, type Decision, verifyDeactivationReceipt } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { observeReceipt } from '../clock/trusted-clock.js'
import { ClientError } from '../errors.js'
import { uploadTelemetry } from '../renewal/contact.js'
import { INITIAL_RENEWAL } from '../renewal/renewal-state.js'
import { emptyLicenseRecord } from '../store/records.js'
import { newEpoch } from './adopt.js'
import type { Engine } from './engine.js'
import { withProofRetry } from './status-receipts.js'

export interface DeactivationResult {
  /** The signed deactivation receipt (compact JWS): proof the seat was given back. */
  receipt: string
  claims: DeactivationClaims
  /** The decision afterwards: invalid (NOT_ACTIVATED). */
  decision: Decision
}

/**
 * Gives the seat back (device-signed request), verifies the server's signed receipt, then clears
 * the lease: from then on this device is not activated, and the seat can be used elsewhere.
 * Queued telemetry is sent first, while the license id is still known.
 */
export async function deactivate(engine: Engine): Promise<DeactivationResult> {
  const verified = engine.state.verified()
  const license = engine.state.licenseId()
  if (verified === null || license === null)
    throw new ClientError('NOT_ACTIVATED', 'this device holds no lease')
  await uploadTelemetry(engine)
  const body = { product: engine.options.product, license }
  const { receipt } = await withProofRetry(engine, () => engine.transport.deactivate(body, engine.prove))
  let claims: DeactivationClaims
  try {
    claims = verifyDeactivationReceipt(receipt, verified.keyset, engine.key.id, nodeCrypto)
  } catch (cause) {
    throw new ClientError('RECEIPT_REJECTED', 'the deactivation receipt did not verify', { cause })
  }
  if (claims.sub !== license || claims.aud !== engine.options.product) {
    throw new ClientError('RECEIPT_REJECTED', 'the deactivation receipt is for another license')
  }
  const now = engine.now()
  await engine.commit(
    (r) => ({
      ...emptyLicenseRecord(newEpoch()),
      trust: r.trust,
      clock: observeReceipt(r.clock, claims.iat, now),
      renewal: { ...INITIAL_RENEWAL },
    }),
    true,
  )
  await engine.saveIdentity(null)
  return { receipt, claims, decision: engine.decide() }
}
