import type { OkpPublicJwk } from '@tessera/core'

/** What a device proof of possession binds: this request's method, path, exact body and nonce. */
export interface ProofRequest {
  method: 'POST'
  /** Request path without query, e.g. /v1/renew (the proof's `htu`). */
  path: string
  /** The exact body bytes sent (the proof's `bdh` is their SHA-256). */
  body: Uint8Array
  /** Server nonce the proof must carry (activation). */
  nonce?: string
}

/** Signs a `Tessera-Proof` for one request with the device key; returns the compact JWS. */
export type Prover = (request: ProofRequest) => Promise<string>

export interface ActivateRequest {
  product: string
  licenseKey: string
  deviceKey: OkpPublicJwk
  /** Salted fingerprint component hashes, 1..16. */
  fingerprint: string[]
  app?: { version: string }
}

/** Body of the license-scoped device endpoints (status, deactivate). */
export interface LicenseRequest {
  product: string
  /** License id. */
  license: string
}

export interface RenewRequest extends LicenseRequest {
  /** Current lease id, when one is held. */
  lease?: string
}

/** A privacy-safe event as the server accepts it (spec/HTTP-API.md `Event`). */
export interface TelemetryEvent {
  /** Client-generated id (≤ 64); the server ignores re-uploads of the same id. */
  id: string
  type: 'renewal' | 'offline' | 'anomaly'
  /** Epoch seconds (trusted-time estimate). */
  at: number
  outcome?: 'ok' | 'offline' | 'server_error' | 'rejected'
  /** Duration in seconds (offline events). */
  seconds?: number
  /** Reason or problem code, never free text. */
  code?: string
}

export interface TelemetryRequest extends LicenseRequest {
  /** At most 100 per request. */
  events: TelemetryEvent[]
  /** Events dropped locally since the last upload because the queue was full. */
  dropped?: number
}

/**
 * The device side of spec/HTTP-API.md, one method per endpoint. Answers are returned as the
 * server sent them (shape-checked only); every signature is verified by the caller. Failures throw
 * TransportError. The HTTP implementation is HttpTransport; tests inject fakes.
 */
export interface Transport {
  /** GET /v1/nonce: a single-use activation nonce. */
  nonce(): Promise<{ nonce: string; expiresAt: number }>
  /** POST /v1/activate; the proof must carry `nonce`. */
  activate(body: ActivateRequest, prove: Prover, nonce: string): Promise<{ bundle: unknown }>
  /** POST /v1/renew: a fresh bundle, or a 403 TransportError carrying a revoked status receipt. */
  renew(body: RenewRequest, prove: Prover): Promise<{ bundle: unknown }>
  /** POST /v1/status: a cheap check-in returning a signed status receipt. */
  status(body: LicenseRequest, prove: Prover): Promise<{ status: string }>
  /** POST /v1/deactivate: a signed deactivation receipt; the seat is free. */
  deactivate(body: LicenseRequest, prove: Prover): Promise<{ receipt: string }>
  /** POST /v1/telemetry. */
  telemetry(body: TelemetryRequest, prove: Prover): Promise<{ accepted: number }>
  /** GET /v1/time: a signed time receipt echoing `nonce` when given. */
  time(nonce?: string): Promise<{ receipt: string }>
}
