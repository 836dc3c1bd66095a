import type { CompatibilityMap, OkpPublicJwk } from '@tessera/core'
import type { FingerprintSources } from './device/fingerprint-sources.js'
import type { KeyStorage } from './store/key-storage.js'
import type { KeyVault } from './store/key-vault.js'
import type { Transport } from './transport/transport.js'

/** How and when the client renews in the background. Seconds throughout. */
export interface RenewalOptions {
  /**
   * Longest random delay added after the lease's renew-after time before the first attempt, so a
   * fleet issued together does not renew together. Default 900 (15 minutes).
   */
  jitterSeconds?: number
  /** Wait after the first failed attempt; doubles with each further failure. Default 60. */
  initialBackoffSeconds?: number
  /** Cap of the back-off; also the wait after a rejection (4xx). Default 3600. */
  maxBackoffSeconds?: number
  /**
   * Interval between cheap status check-ins while the lease is not yet due, so a revocation is
   * learned within this time by an online device. 0 disables check-ins. Default 21600 (6 hours).
   */
  checkInSeconds?: number
}

/** Options of openClient. Validated and frozen once; invalid options throw OPTIONS_INVALID. */
export interface ClientOptions {
  /**
   * Base URL of the license server, e.g. `https://license.example.com`. Omit for an air-gapped
   * install (renewal then only through offlineRequest/importOfflineResponse).
   */
  serverUrl?: string
  /** Product id as defined on the server (letters, digits, `.`, `_`, `-`; at most 64). */
  product: string
  /** Root public keys pinned in the app (Ed25519 JWKs): the only anchors of trust. At least one. */
  roots: readonly OkpPublicJwk[]
  /** This app's version (semver), checked against the lease's highest covered version. */
  appVersion?: string
  /** Features this app version knows; granted features are limited to these. Default: all granted. */
  features?: readonly string[]
  /** Features kept in limited mode and when the store is unreadable (the app's own floor). */
  essential?: readonly string[]
  /** Maps older feature and edition names of existing licenses to the ones this app uses. */
  compat?: CompatibilityMap
  /** Store directory. Default: the OS convention for `product` (see defaultStoreDir). */
  storeDir?: string
  /**
   * Where a new store's AES-256-GCM key is kept. `'keychain'`: the OS keychain only (Secret
   * Service via `secret-tool` on Linux, the login Keychain on macOS, DPAPI on Windows); where it
   * cannot be reached the store opens read-only (nothing is saved, activation refuses).
   * `'file'`: a random `device.secret` file (mode 0600) the key is derived from with HKDF.
   * `'auto'`: the keychain when it answers, else the file. The choice is recorded in the store's
   * `key-storage.json`, and an existing store keeps it (a store made with the file keeps the file
   * when a keychain appears later). Default `'auto'`. Ignored when `vault` is given.
   */
  keyStorage?: KeyStorage
  /** A store key source of your own (a TPM, an agent). Default: chosen by `keyStorage`. */
  vault?: KeyVault
  /** Seconds of clock skew tolerated before a clock rollback is reported. Default 120. */
  clockToleranceSeconds?: number
  /** Background renewal cadence. */
  renewal?: RenewalOptions
  /** Seconds before a request to the server is abandoned (counted as offline). Default 15. */
  requestTimeoutSeconds?: number
  /** Queue and upload privacy-safe telemetry events. Default true. */
  telemetry?: boolean
  /** IANA time zone used to word dates in status(); display only. Default: the system's. */
  timeZone?: string
  /** System time as epoch seconds (fractions allowed). Default `Date.now() / 1000`. */
  now?: () => number
  /** How requests reach the server. Default: HttpTransport over the global fetch to serverUrl. */
  transport?: Transport
  /** Uniform random number in [0, 1) for jitter (not for keys or nonces). Default Math.random. */
  random?: () => number
  /** Replaces some or all sources of the hardware fingerprint (tests; vendors with better sources). */
  fingerprintSources?: Partial<FingerprintSources>
}

/** The validated, defaulted and frozen options the client runs with. */
export interface ResolvedOptions {
  readonly serverUrl: string | null
  readonly product: string
  readonly roots: readonly OkpPublicJwk[]
  readonly appVersion: string | null
  readonly features: readonly string[] | null
  readonly essential: readonly string[]
  readonly compat: CompatibilityMap | null
  readonly storeDir: string
  readonly keyStorage: KeyStorage
  readonly vault: KeyVault | null
  readonly clockToleranceSeconds: number
  readonly renewal: Readonly<Required<RenewalOptions>>
  readonly requestTimeoutSeconds: number
  readonly telemetry: boolean
  readonly timeZone: string | null
  readonly now: () => number
  readonly transport: Transport | null
  readonly random: () => number
  readonly fingerprintSources: Readonly<Partial<FingerprintSources>>
}
