// The options every process of the multi-process store tests opens its client with: the test
// parent and its children alike, so they are one app on one device with one store.
import type { OkpPublicJwk } from '@tessera/core'
import type { ClientOptions } from '../options.js'
import { machine } from './harness.js'

/**
 * A clock shared by processes: epoch seconds running `speed` times faster than the wall clock
 * from `base` at wall time `startMs`. Every process computes the same time from the same numbers.
 */
export interface SharedClock {
  base: number
  startMs: number
  speed: number
}

export function sharedNow(clock: SharedClock): () => number {
  return () => clock.base + ((Date.now() - clock.startMs) / 1000) * clock.speed
}

/** What a child needs to open the app's client, as one JSON argument. */
export interface ChildConfig {
  storeDir: string
  serverUrl: string
  product: string
  root: OkpPublicJwk
  /** The store key, hex: a fixed vault, so the test can read the files too. */
  storeKey: string
  clock: SharedClock
  /** Fingerprint of `machine(name)`. */
  machine: string
  /** Renewals to make (store-contender only). */
  rounds?: number
}

export function childClientOptions(config: ChildConfig): ClientOptions {
  const key = new Uint8Array(Buffer.from(config.storeKey, 'hex'))
  return {
    serverUrl: config.serverUrl,
    product: config.product,
    roots: [config.root],
    storeDir: config.storeDir,
    vault: { description: 'the test key', storeKey: async () => key },
    essential: ['view'],
    now: sharedNow(config.clock),
    fingerprintSources: machine(config.machine),
    timeZone: 'UTC',
    requestTimeoutSeconds: 10,
  }
}
