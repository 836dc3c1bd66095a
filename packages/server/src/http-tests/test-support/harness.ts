/**
 * Real servers for the HTTP tests: a fresh data directory, SQLite file or PostgreSQL schema, one or
 * more `createServer` replicas on 127.0.0.1 sharing it, and small clients that speak the device
 * protocol (nonce, Tessera-Proof) over real HTTP.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  formatLicenseKey,
  licenseKeyHash,
  parseBundle,
  type TrustState,
  type VerifiedBundle,
  type VerifiedKeyset,
  verifyBundle,
  verifyKeyset,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { expect } from 'vitest'
import type { RateLimits } from '../../context.js'
import { type InitResult, initDataDir } from '../../init.js'
import { readRootJwk } from '../../keys/data-dir.js'
import { createServer, type ServerOptions, type TesseraServer } from '../../server.js'
import type { License, Storage } from '../../storage/index.js'
import { pgSchema } from '../../test-support/pg-schema.js'
import { TestDevice, testFingerprint } from '../../test-support/test-device.js'

export type TestDb = 'sqlite' | 'postgres'
export const DATABASES: readonly TestDb[] = ['sqlite', 'postgres']

/** Limits no test reaches unless it means to. */
export const GENEROUS_LIMITS: RateLimits = { windowSeconds: 60, perIp: 1_000_000, perLicense: 1_000_000 }

export interface Cluster {
  db: TestDb
  /** Base URL of each replica, e.g. http://127.0.0.1:40123. */
  urls: string[]
  url: string
  servers: TesseraServer[]
  server: TesseraServer
  /** The demo seed: product `demo`, its policy (3 transfers) and a 3-seat license. */
  init: InitResult & { demo: NonNullable<InitResult['demo']> }
  dataDir: string
  /** Storage of replica 0 (for what the admin API would do: revocations, licenses). */
  storage: Storage
  trust: TrustState
  stop(): Promise<void>
}

/**
 * `replicas` servers (separate `createServer` instances: own pool / connection, own keyring) on
 * one database, each listening on its own port. SQLite clusters should stay at one replica.
 */
export async function startCluster(
  db: TestDb,
  options: { replicas?: number; server?: Partial<ServerOptions> } = {},
): Promise<Cluster> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-http-'))
  const schema = db === 'postgres' ? await pgSchema() : undefined
  const database = schema ? { database: schema.url } : {}
  const servers: TesseraServer[] = []
  const cleanup = async () => {
    await Promise.all(servers.map((s) => s.close().catch(() => undefined)))
    await schema?.drop()
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    const init = await initDataDir({ dataDir, demo: true, ...database })
    const urls: string[] = []
    for (let i = 0; i < (options.replicas ?? 1); i++) {
      const server = await createServer({
        dataDir,
        logLevel: false,
        rateLimits: GENEROUS_LIMITS,
        // The test shares the server's event loop (key generation, signing, fast-check): its own
        // pauses must not read as overload.
        loadShedding: false,
        ...database,
        ...options.server,
      })
      servers.push(server)
      urls.push(await server.listen({ host: '127.0.0.1', port: 0 }))
    }
    return {
      db,
      urls,
      url: urls[0]!,
      servers,
      server: servers[0]!,
      init: init as Cluster['init'],
      dataDir,
      storage: servers[0]!.context.storage,
      trust: { roots: [await readRootJwk(dataDir)], keysetVersion: 0, rootVersion: 0 },
      stop: cleanup,
    }
  } catch (err) {
    await cleanup()
    throw err
  }
}

/** A new license on the demo product and policy, created the way the admin API would. */
export async function createLicense(
  cluster: Cluster,
  input: { seats: number; product?: string; policy?: string },
): Promise<{ license: License; key: string }> {
  const key = formatLicenseKey(randomBytes(16))
  const license = await cluster.storage.createLicense({
    id: `lic_${randomBytes(9).toString('base64url')}`,
    productId: input.product ?? 'demo',
    policyId: input.policy ?? cluster.init.demo.policy,
    keyHash: licenseKeyHash(key, nodeCrypto),
    keyHint: key.slice(-4),
    ownerRef: 'acct_test',
    edition: 'pro',
    features: ['view', 'edit'],
    seats: input.seats,
    expiresAt: null,
    createdAt: Math.floor(Date.now() / 1000),
  })
  return { license, key }
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface Reply {
  status: number
  headers: Headers
  text: string
  /** The parsed body, or undefined when it is not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: test replies are inspected field by field
  json: any
}

export async function send(
  base: string,
  method: string,
  path: string,
  init: { body?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: init.headers ?? {},
    ...(init.body !== undefined ? { body: init.body as BodyInit } : {}),
  })
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json }
}

export const get = (base: string, path: string, headers: Record<string, string> = {}) =>
  send(base, 'GET', path, { headers })

/** POSTs exactly `raw` as application/json with an optional proof header. */
export const postRaw = (base: string, path: string, raw: string, proof?: string) =>
  send(base, 'POST', path, {
    body: raw,
    headers: {
      'content-type': 'application/json',
      ...(proof !== undefined ? { 'tessera-proof': proof } : {}),
    },
  })

export type ProofOverrides = Parameters<TestDevice['proof']>[3]

/** A device request: the body, signed by the device's proof over this exact method, path and body. */
export async function signedPost(
  base: string,
  device: TestDevice,
  path: string,
  body: unknown,
  over: ProofOverrides = {},
): Promise<Reply> {
  const raw = JSON.stringify(body)
  return postRaw(base, path, raw, await device.proof('POST', path, raw, over))
}

export async function nonce(base: string): Promise<string> {
  const res = await get(base, '/v1/nonce')
  expect(res.status, res.text).toBe(200)
  return res.json.nonce as string
}

export const activationBody = (device: TestDevice, licenseKey: string, product = 'demo') => ({
  product,
  licenseKey,
  deviceKey: device.jwk,
  fingerprint: device.fingerprint,
})

/** GET /v1/nonce, then POST /v1/activate with a proof carrying it (both on `base` unless `nonceFrom`). */
export async function activate(
  base: string,
  device: TestDevice,
  licenseKey: string,
  options: { product?: string; nonceFrom?: string } = {},
): Promise<Reply> {
  const non = await nonce(options.nonceFrom ?? base)
  return signedPost(base, device, '/v1/activate', activationBody(device, licenseKey, options.product), {
    nonce: non,
  })
}

/** Activation that must succeed; returns the verified bundle. */
export async function activated(
  cluster: Cluster,
  device: TestDevice,
  licenseKey = cluster.init.demo.licenseKey,
  base = cluster.url,
): Promise<VerifiedBundle> {
  const res = await activate(base, device, licenseKey)
  expect(res.status, res.text).toBe(200)
  return verifiedBundle(cluster, res.json.bundle)
}

export function verifiedBundle(cluster: Cluster, bundle: unknown): VerifiedBundle {
  return verifyBundle(parseBundle(bundle), cluster.trust, nodeCrypto)
}

/** The current key set, verified against the pinned root. */
export async function keyset(cluster: Cluster): Promise<VerifiedKeyset> {
  const res = await get(cluster.url, '/v1/keyset')
  expect(res.status, res.text).toBe(200)
  return verifyKeyset(res.json.chain, res.json.keyset, cluster.trust, nodeCrypto)
}

/** RFC 9457 problem with this status and stable code; its type is the code in kebab case. */
export function expectProblem(res: Reply, status: number, code: string): void {
  expect(res.status, `${code} expected, got ${res.status}: ${res.text}`).toBe(status)
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/)
  expect(res.json.status).toBe(status)
  // Revocation 403s carry the signed status receipt (HTTP-API.md).
  if (code.endsWith('_REVOKED')) expect(res.json.statusReceipt).toEqual(expect.any(String))
  expect(res.json).toMatchObject({
    code,
    type: `https://tessera.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
  })
  expect(typeof res.json.title).toBe('string')
  expect(typeof res.json.detail).toBe('string')
}

export { TestDevice, testFingerprint }
