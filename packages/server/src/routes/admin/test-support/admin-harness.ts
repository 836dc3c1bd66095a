/**
 * Helpers of the operator API tests: a real server per database, an admin HTTP client, devices
 * that activate over the real device protocol, and direct SQL to tamper with the database.
 */
import { type Bundle, parseBundle, type TrustState, type VerifiedBundle, verifyBundle } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { readRootJwk } from '../../../keys/data-dir.js'
import { TestDevice } from '../../../test-support/test-device.js'
import { type RunningServer, startTestServer, type TestDialect } from '../../../test-support/test-server.js'

export { TEST_DIALECTS } from '../../../test-support/test-server.js'

export interface Answer<T = Record<string, unknown>> {
  status: number
  type: string | null
  body: T
}

/** Any JSON answer, loosely typed: tests read what they assert. */
// biome-ignore lint/suspicious/noExplicitAny: test answers are asserted field by field
export type Json = any

export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer<Json>> {
  const text = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(text !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(text !== undefined ? { body: text } : {}),
  })
  const type = res.headers.get('content-type')
  const raw = await res.text()
  return { status: res.status, type, body: raw && type?.includes('json') ? JSON.parse(raw) : raw }
}

export interface AdminFixture {
  srv: RunningServer
  /** The initial token (scope admin). */
  token: string
  trust: TrustState
  get(path: string, token?: string): Promise<Answer<Json>>
  post(path: string, body?: unknown, token?: string): Promise<Answer<Json>>
  /** A new token with exactly these scopes. */
  tokenWith(...scopes: string[]): Promise<string>
}

/** One real server (fresh data directory; fresh SQLite file or PostgreSQL schema) per describe block. */
export function useAdminServer(dialect: TestDialect, options: Parameters<typeof startTestServer>[0] = {}) {
  const fx = {} as AdminFixture
  beforeAll(async () => {
    const rateLimits = { perIp: 1_000_000, perLicense: 1_000_000 }
    const srv = await startTestServer({ database: dialect, rateLimits, ...options })
    fx.srv = srv
    fx.token = srv.init.adminToken
    fx.trust = { roots: [await readRootJwk(srv.dataDir)], keysetVersion: 0, rootVersion: 0 }
    fx.get = (path, token = fx.token) => call(srv.url, 'GET', path, { token })
    fx.post = (path, body = {}, token = fx.token) => call(srv.url, 'POST', path, { token, body })
    fx.tokenWith = async (...scopes) => {
      const res = await fx.post('/v1/admin/tokens', { label: `test ${scopes.join(' ')}`, scopes })
      if (res.status !== 201) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`)
      return res.body.token as string
    }
  })
  afterAll(async () => fx.srv?.stop())
  return fx
}

export const DAY = 86_400
export const POLICY = {
  offlineWindow: 7 * DAY,
  renewAfter: 3 * DAY,
  grace: 3 * DAY,
  fallback: 'limited',
  accessTokenTtl: 3600,
  maxDevices: 0,
  fingerprintMatch: 3,
  transfers: { max: 3, cooldown: 0 },
  checkIn: DAY,
}

let counter = 0
/** A unique operator id (products, editions). */
export const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}${(++counter).toString(36)}`

/** A product, a policy (version 1) and a license of `seats` seats, through the admin API. */
export async function sellLicense(fx: AdminFixture, over: { seats?: number; params?: object } = {}) {
  const product = uniq('prd')
  const p = await fx.post('/v1/admin/products', {
    id: product,
    name: 'P',
    features: ['a', 'b'],
    essential: ['a'],
  })
  if (p.status !== 201) throw new Error(`product: ${JSON.stringify(p.body)}`)
  const pol = await fx.post('/v1/admin/policies', { product, name: 'p', params: over.params ?? POLICY })
  if (pol.status !== 201) throw new Error(`policy: ${JSON.stringify(pol.body)}`)
  const lic = await fx.post('/v1/admin/licenses', { product, policy: pol.body.id, seats: over.seats ?? 2 })
  if (lic.status !== 201) throw new Error(`license: ${JSON.stringify(lic.body)}`)
  return {
    product,
    policy: pol.body.id as string,
    license: lic.body.id as string,
    key: lic.body.key as string,
  }
}

/** Online activation over the real device protocol (nonce + proof); returns the verified bundle. */
export async function activate(
  fx: AdminFixture,
  product: string,
  licenseKey: string,
  device = new TestDevice(),
): Promise<{ device: TestDevice; bundle: Bundle; verified: VerifiedBundle }> {
  const { nonce } = (await (await fetch(`${fx.srv.url}/v1/nonce`)).json()) as { nonce: string }
  const body = JSON.stringify({ product, licenseKey, deviceKey: device.jwk, fingerprint: device.fingerprint })
  const proof = await device.proof('POST', '/v1/activate', body, { nonce })
  const res = await call(fx.srv.url, 'POST', '/v1/activate', {
    raw: body,
    headers: { 'tessera-proof': proof },
  })
  if (res.status !== 200) throw new Error(`activate: ${res.status} ${JSON.stringify(res.body)}`)
  const bundle = parseBundle(res.body.bundle)
  return { device, bundle, verified: verifyBundle(bundle, fx.trust, nodeCrypto) }
}

/** A device-signed request to a device endpoint (renew, status, telemetry…). */
export async function deviceCall(fx: AdminFixture, device: TestDevice, path: string, body: object) {
  const text = JSON.stringify(body)
  const proof = await device.proof('POST', path, text)
  return call(fx.srv.url, 'POST', path, { raw: text, headers: { 'tessera-proof': proof } })
}

/** Runs SQL on the server's own database, behind its back (tampering tests). */
export async function sqlExec(srv: RunningServer, text: string, params: unknown[] = []): Promise<number> {
  if (srv.database.dialect === 'sqlite') {
    const db = new BetterSqlite3(srv.database.url)
    try {
      return db.prepare(text.replace(/\$\d+/g, '?')).run(...params).changes
    } finally {
      db.close()
    }
  }
  const client = new pg.Client({ connectionString: srv.database.url })
  await client.connect()
  try {
    return (await client.query(text, params)).rowCount ?? 0
  } finally {
    await client.end()
  }
}
