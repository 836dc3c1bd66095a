import type { Transport } from './transport.js'
import { offlineError } from './transport-error.js'

/**
 * The transport of an air-gapped install (no serverUrl): every request fails as `offline`, so the
 * client runs on its store and on request/response files carried by hand.
 */
export function noServerTransport(): Transport {
  const fail = async (): Promise<never> => {
    throw offlineError('NO_SERVER', 'no license server is configured (air-gapped install)')
  }
  return {
    nonce: fail,
    activate: fail,
    renew: fail,
    status: fail,
    deactivate: fail,
    telemetry: fail,
    time: fail,
  }
}
