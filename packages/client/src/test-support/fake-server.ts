// An in-memory license server behind the Transport interface: issues real signed bundles for the
// client's device key, checks every device proof with core, and fails on demand.
import { createHash } from 'node:crypto'
import { licenseKeyHash, type OkpPublicJwk, type RevocationKind, verifyDeviceProof } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type {
  ActivateRequest,
  LicenseRequest,
  Prover,
  RenewRequest,
  TelemetryEvent,
  TelemetryRequest,
  Transport,
} from '../transport/transport.js'
import { TransportError, type TransportFailureKind } from '../transport/transport-error.js'
import {
  DEFAULT_KEYSET,
  DEFAULT_POLICY,
  deactivationReceipt,
  issueBundle,
  type KeysetSpec,
  type LeaseSubject,
  statusReceipt,
  type TestPolicy,
  timeReceipt,
} from './server-tokens.js'

export interface FakeLicense {
  id: string
  edition: string
  features: string[]
  revoked?: RevocationKind
}

interface Device {
  jwk: OkpPublicJwk
  fingerprint: string[]
  license: string
  lease: string
}

type Endpoint = 'nonce' | 'activate' | 'renew' | 'status' | 'deactivate' | 'telemetry' | 'time'

export function problem(
  code: string,
  status: number,
  kind: TransportFailureKind,
  retryAfter: number | null = null,
  receipt: string | null = null,
): TransportError {
  return new TransportError(code, code, { kind, status, retryAfter, statusReceipt: receipt })
}

export const OFFLINE = () => problem('NETWORK_UNREACHABLE', 0, 'offline')

export class FakeServer implements Transport {
  policy: TestPolicy = { ...DEFAULT_POLICY }
  keyset: KeysetSpec = DEFAULT_KEYSET
  /** While true every call fails as offline. */
  offline = false
  readonly licenses = new Map<string, FakeLicense>()
  readonly devices = new Map<string, Device>()
  readonly calls: { endpoint: Endpoint; body?: unknown }[] = []
  readonly telemetryEvents: TelemetryEvent[] = []
  readonly telemetryDropped: number[] = []
  readonly #failures: { endpoint: Endpoint; error: () => TransportError }[] = []
  readonly #jtis = new Set<string>()
  #nonces = new Set<string>()
  #n = 0

  /** `now` is the server's clock (epoch seconds); it may differ from the client's. */
  constructor(public now: () => number) {}

  /** Licenses are found by the hash of their key, as the real server stores them. */
  addLicense(key: string, license: FakeLicense): void {
    this.licenses.set(licenseKeyHash(key, nodeCrypto), license)
  }

  license(id: string): FakeLicense {
    const found = [...this.licenses.values()].find((l) => l.id === id)
    if (!found) throw new Error(`no license ${id}`)
    return found
  }

  /** The next call to `endpoint` throws `error()`. */
  failNext(endpoint: Endpoint, error: () => TransportError, times = 1): void {
    for (let i = 0; i < times; i++) this.#failures.push({ endpoint, error })
  }

  count(endpoint: Endpoint): number {
    return this.calls.filter((c) => c.endpoint === endpoint).length
  }

  async nonce() {
    this.#enter('nonce')
    const nonce = `non_${++this.#n}`
    this.#nonces.add(nonce)
    return { nonce, expiresAt: this.now() + 300 }
  }

  async activate(body: ActivateRequest, prove: Prover, nonce: string) {
    this.#enter('activate', body)
    await this.#checkProof(prove, '/v1/activate', body, body.deviceKey, nonce)
    if (!this.#nonces.delete(nonce)) throw problem('NONCE_INVALID', 401, 'rejected')
    const license = this.licenses.get(licenseKeyHash(body.licenseKey, nodeCrypto))
    if (!license) throw problem('LICENSE_NOT_FOUND', 404, 'rejected')
    const who = this.#subject(license, body.deviceKey, body.fingerprint)
    const bundle = await issueBundle(who, this.now(), ++this.#n, this.policy, this.keyset)
    this.devices.set(who.deviceId, {
      jwk: body.deviceKey,
      fingerprint: body.fingerprint,
      license: license.id,
      lease: `lea_${this.#n}`,
    })
    return { bundle }
  }

  async renew(body: RenewRequest, prove: Prover) {
    this.#enter('renew', body)
    const { device, license, id } = await this.#device(prove, '/v1/renew', body)
    const who = this.#subject(license, device.jwk, device.fingerprint, id)
    const bundle = await issueBundle(who, this.now(), ++this.#n, this.policy, this.keyset)
    device.lease = `lea_${this.#n}`
    return { bundle }
  }

  async status(body: LicenseRequest, prove: Prover) {
    this.#enter('status', body)
    const { device, license, id } = await this.#device(prove, '/v1/status', body)
    const who = this.#subject(license, device.jwk, device.fingerprint, id)
    return { status: await statusReceipt(who, this.now(), ++this.#n, undefined, device.lease) }
  }

  async deactivate(body: LicenseRequest, prove: Prover) {
    this.#enter('deactivate', body)
    const { device, license, id } = await this.#device(prove, '/v1/deactivate', body)
    this.devices.delete(id)
    const who = this.#subject(license, device.jwk, device.fingerprint, id)
    return { receipt: await deactivationReceipt(who, device.lease, this.now(), ++this.#n) }
  }

  async telemetry(body: TelemetryRequest, prove: Prover) {
    this.#enter('telemetry', body)
    await this.#device(prove, '/v1/telemetry', body)
    if (body.events.length > 100) throw problem('VALIDATION_FAILED', 400, 'rejected')
    this.telemetryEvents.push(...body.events)
    this.telemetryDropped.push(body.dropped ?? 0)
    return { accepted: body.events.length }
  }

  async time(nonce?: string) {
    this.#enter('time')
    return { receipt: await timeReceipt(this.now(), ++this.#n, nonce) }
  }

  #enter(endpoint: Endpoint, body?: unknown): void {
    this.calls.push({ endpoint, body })
    if (this.offline) throw OFFLINE()
    const i = this.#failures.findIndex((f) => f.endpoint === endpoint)
    if (i >= 0) throw this.#failures.splice(i, 1)[0]!.error()
  }

  async #checkProof(
    prove: Prover,
    path: string,
    body: object,
    jwk: OkpPublicJwk,
    nonce?: string,
  ): Promise<void> {
    const bytes = new TextEncoder().encode(JSON.stringify(body))
    const proof = await prove({ method: 'POST', path, body: bytes, ...(nonce ? { nonce } : {}) })
    const bodyHash = createHash('sha256').update(bytes).digest('base64url')
    try {
      const claims = verifyDeviceProof(
        proof,
        jwk,
        { method: 'POST', path, bodyHash, now: this.now(), ...(nonce ? { nonce } : {}) },
        nodeCrypto,
      )
      if (this.#jtis.has(claims.jti)) throw new Error('replayed')
      this.#jtis.add(claims.jti)
    } catch {
      throw problem('PROOF_INVALID', 401, 'rejected')
    }
  }

  /** The device a proof-carrying request comes from; revoked licenses answer 403 with a signed receipt. */
  async #device(prove: Prover, path: string, body: LicenseRequest) {
    const entry = [...this.devices.entries()].find(([, d]) => d.license === body.license)
    if (!entry) throw problem('DEVICE_NOT_FOUND', 404, 'rejected')
    const [id, device] = entry
    await this.#checkProof(prove, path, body, device.jwk)
    const license = [...this.licenses.values()].find((l) => l.id === body.license)!
    if (license.revoked) {
      const who = this.#subject(license, device.jwk, device.fingerprint, id)
      const receipt = await statusReceipt(who, this.now(), ++this.#n, license.revoked, device.lease)
      throw problem('LICENSE_REVOKED', 403, 'rejected', null, receipt)
    }
    return { device, license, id }
  }

  #subject(
    license: FakeLicense,
    jwk: OkpPublicJwk,
    fingerprint: readonly string[],
    id?: string,
  ): LeaseSubject {
    const deviceId = id ?? thumbprint(jwk)
    return {
      license: license.id,
      deviceId,
      fingerprint,
      edition: license.edition,
      features: license.features,
    }
  }
}

function thumbprint(jwk: OkpPublicJwk): string {
  return createHash('sha256')
    .update(`{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}"}`)
    .digest('base64url')
}
