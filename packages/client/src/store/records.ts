import {
  type Bundle,
  type ClockState,
  INITIAL_CLOCK,
  type OkpPublicJwk,
  parseBundle,
  parsePublicJwk,
} from '@tessera/core'
import { INITIAL_RENEWAL, parseRenewalState, type RenewalState } from '../renewal/renewal-state.js'
import type { TelemetryEvent } from '../transport/transport.js'
import type { FileCodec } from './sealed-store.js'
import { int, list, obj, oneOf, str, strOrNull } from './shape.js'

/**
 * Trust high-water marks: the highest key set and root versions ever accepted on this device, and
 * the root reached through rotation (null until a rotation was accepted), from which every later
 * chain walk starts so a retired root can never fork the chain again.
 */
export interface TrustMarks {
  keysetVersion: number
  rootVersion: number
  currentRoot: OkpPublicJwk | null
}

/** An air-gapped request waiting for its response file. */
export interface PendingOfflineRequest {
  /** The request's jti: the response must answer exactly this one. */
  jti: string
  kind: 'activate' | 'renew'
  /** Epoch seconds. */
  iat: number
}

/**
 * Everything the decision depends on, in one file so it changes atomically: the bundle as the
 * server sent it, the latest status receipt newer than the bundle's (e.g. a revocation learned at
 * a failed renewal), trust and clock marks, and the renewal schedule.
 * `epoch` changes at each activation and deactivation, so a process holding an older view can
 * never resurrect a lease another process has replaced or given back.
 */
export interface LicenseRecord {
  epoch: string
  bundle: Bundle | null
  status: string | null
  trust: TrustMarks
  clock: ClockState
  renewal: RenewalState
}

/**
 * Kept apart from the license record so an unreadable record can still be refetched online:
 * the license id (for renewal), the license key's hash (for air-gapped renewal requests) and a
 * pending air-gapped request. Never the license key itself.
 */
export interface IdentityRecord {
  /** License id, once a bundle was adopted. */
  license: string | null
  /** SHA-256 of the normalized license key, base64url (what the server stores), or null. */
  lkh: string | null
  offline: PendingOfflineRequest | null
}

/** A queued telemetry event; its id also lets two processes merge queues without doubles. */
export type QueuedEvent = TelemetryEvent

export interface TelemetryRecord {
  events: QueuedEvent[]
  /** Events dropped because the queue was full, not yet reported. */
  dropped: number
}

/** The device's Ed25519 private key as a JWK (RFC 8037). */
export interface DeviceKeyRecord {
  kty: 'OKP'
  crv: 'Ed25519'
  x: string
  d: string
}

export function emptyLicenseRecord(epoch: string): LicenseRecord {
  return {
    epoch,
    bundle: null,
    status: null,
    trust: { keysetVersion: 0, rootVersion: 0, currentRoot: null },
    clock: { ...INITIAL_CLOCK },
    renewal: { ...INITIAL_RENEWAL },
  }
}

export const LICENSE_FILE: FileCodec<LicenseRecord> = {
  name: 'license.tsr',
  parse(value) {
    const o = obj(value, 'license')
    const trust = obj(o.trust, 'trust')
    const clock = obj(o.clock, 'clock')
    return {
      epoch: str(o.epoch, 'epoch', 64),
      bundle: o.bundle === null ? null : parseBundle(o.bundle),
      status: strOrNull(o.status, 'status', 4096),
      trust: {
        keysetVersion: int(trust.keysetVersion, 'trust'),
        rootVersion: int(trust.rootVersion, 'trust'),
        currentRoot: trust.currentRoot === null ? null : parseRoot(trust.currentRoot),
      },
      clock: {
        trustedTime: int(clock.trustedTime, 'clock'),
        trustedAt: int(clock.trustedAt, 'clock'),
        highWater: int(clock.highWater, 'clock'),
      },
      renewal: parseRenewalState(o.renewal),
    }
  },
}

function parseRoot(value: unknown): OkpPublicJwk {
  const jwk = parsePublicJwk(value)
  if (jwk.kty !== 'OKP') throw new Error('root keys are Ed25519')
  return jwk
}

function parsePending(value: unknown): PendingOfflineRequest {
  const o = obj(value, 'offline')
  return {
    jti: str(o.jti, 'offline.jti', 64),
    kind: oneOf(o.kind, ['activate', 'renew'] as const, 'offline.kind'),
    iat: int(o.iat, 'offline.iat'),
  }
}

export const IDENTITY_FILE: FileCodec<IdentityRecord> = {
  name: 'identity.tsr',
  parse(value) {
    const o = obj(value, 'identity')
    return {
      license: strOrNull(o.license, 'identity.license', 128),
      lkh: strOrNull(o.lkh, 'identity.lkh', 64),
      offline: o.offline === null ? null : parsePending(o.offline),
    }
  },
}

const EVENT_TYPES = ['renewal', 'offline', 'anomaly'] as const
const EVENT_OUTCOMES = ['ok', 'offline', 'server_error', 'rejected'] as const

export const TELEMETRY_FILE: FileCodec<TelemetryRecord> = {
  name: 'telemetry.tsr',
  parse(value) {
    const o = obj(value, 'telemetry')
    return { events: list(o.events, 'events', 10_000, parseEvent), dropped: int(o.dropped, 'dropped') }
  },
}

function parseEvent(value: unknown, path: string): QueuedEvent {
  const o = obj(value, path)
  const event: QueuedEvent = {
    id: str(o.id, path, 64),
    type: oneOf(o.type, EVENT_TYPES, path),
    at: int(o.at, path),
  }
  if (o.outcome !== undefined) event.outcome = oneOf(o.outcome, EVENT_OUTCOMES, path)
  if (o.seconds !== undefined) event.seconds = int(o.seconds, path)
  if (o.code !== undefined) event.code = str(o.code, path, 64)
  return event
}

export const DEVICE_KEY_FILE: FileCodec<DeviceKeyRecord> = {
  name: 'device-key.tsr',
  parse(value) {
    const o = obj(value, 'device')
    return {
      kty: oneOf(o.kty, ['OKP'] as const, 'device.kty'),
      crv: oneOf(o.crv, ['Ed25519'] as const, 'device.crv'),
      x: str(o.x, 'device.x', 43),
      d: str(o.d, 'device.d', 43),
    }
  },
}
