import { type Decision, verifyOfflineResponse } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { freshJti, signOfflineRequest } from '../device/proof.js'
import { ClientError } from '../errors.js'
import { keyHash, requireWritableStore } from './activation.js'
import { adopt, verifyIncoming } from './adopt.js'
import type { Engine } from './engine.js'

/**
 * The air-gapped request file's content (a compact JWS signed by the device key). With a license
 * key it asks for an activation; without, for a renewal of the current license (using the stored
 * hash of its key). The request's id is remembered, so only the response to this very request
 * will be accepted, even after a restart.
 */
export async function offlineRequest(engine: Engine, licenseKey?: string): Promise<string> {
  const kind = licenseKey === undefined ? 'renew' : 'activate'
  const lkh = licenseKey === undefined ? engine.state.identity?.lkh : keyHash(licenseKey)
  if (kind === 'activate') requireWritableStore(engine)
  if (!lkh)
    throw new ClientError('NOT_ACTIVATED', 'an offline renewal needs a license activated on this device')
  const jti = freshJti()
  const iat = engine.serverTime()
  const { options, fingerprint } = engine
  const token = await signOfflineRequest(engine.key, {
    v: 1,
    aud: options.product,
    kind,
    iat,
    jti,
    lkh,
    hwf: [...fingerprint.components].slice(0, 16),
    ...(options.appVersion ? { app: options.appVersion } : {}),
  })
  const identity = engine.state.identity
  await engine.saveIdentity({ license: identity?.license ?? null, lkh, offline: { jti, kind, iat } })
  return token
}

/**
 * Imports the operator's response file: it must be signed by a status key of a key set chaining
 * to the pinned roots, be addressed to this device, and answer the pending request. Its bundle is
 * then verified and adopted like an online one.
 */
export async function importOfflineResponse(engine: Engine, text: string): Promise<Decision> {
  const identity = engine.state.identity
  const pending = identity?.offline
  if (!identity || !pending)
    throw new ClientError('NO_PENDING_REQUEST', 'no offline request is waiting for a response')
  let raw: unknown
  try {
    const expected = { deviceId: engine.key.id, requestId: pending.jti }
    raw = verifyOfflineResponse(text.trim(), engine.state.trust(), expected, nodeCrypto).bundle
  } catch (cause) {
    throw new ClientError('OFFLINE_RESPONSE_INVALID', 'the response file did not verify for this request', {
      cause,
    })
  }
  const license = pending.kind === 'renew' ? (identity.license ?? undefined) : undefined
  const incoming = verifyIncoming(engine, raw, license)
  await adopt(engine, incoming, pending.kind === 'activate' ? 'activation' : 'renewal')
  await engine.saveIdentity({ license: incoming.verified.lease.sub, lkh: identity.lkh, offline: null })
  return engine.decide()
}
