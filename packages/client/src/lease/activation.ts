import { type Decision, licenseKeyHash } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { ClientError } from '../errors.js'
import { uploadTelemetry } from '../renewal/contact.js'
import type { ActivateRequest } from '../transport/transport.js'
import { adopt, verifyIncoming } from './adopt.js'
import type { Engine } from './engine.js'
import { withProofRetry } from './status-receipts.js'

/**
 * The license key's hash (what the server stores), after checking the key's shape and check
 * symbols locally, so a typo is reported as a typo before anything is sent.
 */
export function keyHash(licenseKey: string): string {
  try {
    return licenseKeyHash(licenseKey.trim(), nodeCrypto)
  } catch (cause) {
    throw new ClientError('LICENSE_KEY_MALFORMED', 'this is not a valid license key (check for a typo)', {
      cause,
    })
  }
}

/**
 * Refuses to activate while the store key is out of reach (a locked or unreachable keychain):
 * the device key of such a session is a throwaway, so the seat it took could never be used again.
 */
export function requireWritableStore(engine: Engine): void {
  if (!engine.store.writable)
    throw new ClientError(
      'STORE_UNAVAILABLE',
      'the license store cannot be saved now (is the keychain locked?); try again once it is unlocked',
    )
}

/**
 * Online activation: a fresh server nonce, then the device key, fingerprint and license key,
 * proven with the device key over that nonce. The returned bundle is verified, bound to this
 * device, and replaces whatever lease was stored (a new epoch). The key itself is never stored.
 */
export async function activate(engine: Engine, licenseKey: string): Promise<Decision> {
  const typed = licenseKey.trim()
  const lkh = keyHash(typed)
  // an absent keychain entry (perhaps a locked keyring) gets a new key only when asked like this
  await engine.store.createMissingKey()
  requireWritableStore(engine)
  const { options } = engine
  const body: ActivateRequest = {
    product: options.product,
    licenseKey: typed,
    deviceKey: { ...engine.key.publicJwk },
    fingerprint: [...engine.fingerprint.components].slice(0, 16),
    ...(options.appVersion ? { app: { version: options.appVersion } } : {}),
  }
  const answer = await withProofRetry(engine, async () => {
    const { nonce } = await engine.transport.nonce()
    return engine.transport.activate(body, engine.prove, nonce)
  })
  const incoming = verifyIncoming(engine, answer.bundle)
  await adopt(engine, incoming, 'activation')
  await engine.saveIdentity({ license: incoming.verified.lease.sub, lkh, offline: null })
  engine.background(uploadTelemetry(engine))
  return engine.decide()
}
