import { randomBytes } from 'node:crypto'
import { type Bundle, isTesseraError, parseBundle, type VerifiedBundle, verifyBundle } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { observeReceipt } from '../clock/trusted-clock.js'
import { ClientError } from '../errors.js'
import { afterContact, forLease } from '../renewal/schedule.js'
import { mergeTrust, statusTime } from '../store/record-merge.js'
import { emptyLicenseRecord, type LicenseRecord, type TrustMarks } from '../store/records.js'
import type { Engine } from './engine.js'

export interface IncomingBundle {
  readonly bundle: Bundle
  readonly verified: VerifiedBundle
}

/** A new activation epoch (see LicenseRecord.epoch). */
export function newEpoch(): string {
  return randomBytes(8).toString('hex')
}

/**
 * Verifies a bundle received from the server or in an offline response against the pinned roots
 * and the trust marks, and checks that it is for this product and this device. Throws
 * BUNDLE_REJECTED with the verification code in the message (never the token).
 */
export function verifyIncoming(engine: Engine, raw: unknown, license?: string): IncomingBundle {
  let bundle: Bundle
  let verified: VerifiedBundle
  try {
    bundle = parseBundle(raw)
    verified = verifyBundle(bundle, engine.state.trust(), nodeCrypto)
  } catch (cause) {
    const code = isTesseraError(cause) ? cause.code : 'UNEXPECTED'
    throw new ClientError('BUNDLE_REJECTED', `the server's bundle did not verify (${code})`, { cause })
  }
  const lease = verified.lease
  if (lease.aud !== engine.options.product) throw rejected('it is for another product')
  if (lease.cnf.jkt !== engine.key.id) throw rejected('it is bound to another device')
  if (license !== undefined && lease.sub !== license) throw rejected('it is for another license')
  return { bundle, verified }
}

function rejected(why: string): ClientError {
  return new ClientError('BUNDLE_REJECTED', `the server's bundle was refused: ${why}`)
}

/**
 * Makes a verified bundle the current one, raising the trust marks to its key set and root
 * versions and taking its status receipt's signed time. An activation starts a new epoch (any
 * older lease and its status are gone); a renewal keeps the epoch and, should another process
 * have stored an even newer bundle meanwhile, keeps that one.
 */
export async function adopt(
  engine: Engine,
  incoming: IncomingBundle,
  kind: 'activation' | 'renewal',
): Promise<void> {
  const { bundle, verified } = incoming
  const now = engine.now()
  const { renewal: options } = engine.options
  await engine.commit((current) => {
    const base: LicenseRecord =
      kind === 'activation'
        ? { ...emptyLicenseRecord(newEpoch()), trust: current.trust, clock: current.clock }
        : current
    const mineIsNewer = base.bundle === null || statusTime(base.bundle.status) <= verified.status.iat
    const leaseTimes = { jti: verified.lease.jti, ren: verified.lease.ren, exp: verified.lease.exp }
    const renewal = forLease(
      afterContact({ ...base.renewal, lease: null }, now, 'renewed', options, engine.options.random),
      leaseTimes,
      options,
      engine.options.random,
    )
    return {
      ...base,
      bundle: mineIsNewer ? bundle : base.bundle,
      status: statusTime(base.status) > verified.status.iat ? base.status : null,
      trust: mergeTrust(base.trust, trustOf(verified)),
      clock: observeReceipt(base.clock, verified.status.iat, now),
      renewal: mineIsNewer ? renewal : base.renewal,
    }
  }, true)
  engine.proofSkew = 0
  // a device key replaced at open (unreadable) is this activation's key now: no longer a fault
  if (kind === 'activation') engine.state.deviceCorrupt = false
}

/**
 * The marks a verified bundle justifies (FORMATS §3.4): its key set version, its root version and,
 * once a rotation was followed (root version above 1), the root it reached.
 */
export function trustOf(verified: VerifiedBundle): TrustMarks {
  const { claims, rootVersion, rootJwk } = verified.keyset
  return { keysetVersion: claims.ver, rootVersion, currentRoot: rootVersion > 1 ? rootJwk : null }
}
