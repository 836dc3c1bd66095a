/**
 * Hostile input matrix, on SQLite and PostgreSQL: every row is a malformed, forged, replayed or
 * misdirected request and the exact 4xx problem+json (with its stable code) it must get. Never a
 * 5xx: the server's own request metrics are checked for 5xx after the matrix, and it still answers
 * /healthz. A fast-check property then throws random JSON and random bytes at every device endpoint.
 */
import { randomBytes } from 'node:crypto'
import { encodeBase64url, formatLicenseKey, licenseKeyHash } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdminToken } from '../security/admin-auth.js'
import {
  activate,
  activated,
  activationBody,
  type Cluster,
  createLicense,
  DATABASES,
  expectProblem,
  get,
  nonce,
  postRaw,
  type Reply,
  send,
  signedPost,
  startCluster,
  TestDevice,
  testFingerprint,
} from './test-support/harness.js'

const now = () => Math.floor(Date.now() / 1000)
const json = { 'content-type': 'application/json' }
const DEVICE_ENDPOINTS = ['/v1/activate', '/v1/renew', '/v1/status', '/v1/deactivate', '/v1/telemetry']

interface Fixture {
  c: Cluster
  /** License L (5 seats) and the device D holding a seat on it. */
  license: string
  key: string
  device: TestDevice
  lease: string
  /** License L2 with its own device and lease. */
  otherLicense: string
  otherLease: string
  /** A license key of product `other`. */
  otherProductKey: string
  /** A device revoked on L. */
  revoked: TestDevice
}

interface Case {
  name: string
  status: number
  code: string
  request: (f: Fixture) => Promise<Reply>
}

/** The body D sends to renew on L, and that body signed by D. */
const renewBody = (f: Fixture) => ({ product: 'demo', license: f.license })
const signedRenew = (f: Fixture, body: unknown = renewBody(f)) =>
  signedPost(f.c.url, f.device, '/v1/renew', body)

/** A proof of D with one part replaced (header or payload JSON), re-encoded but not re-signed. */
async function tamperedProof(
  f: Fixture,
  raw: string,
  edit: (header: object, payload: object) => [object, object],
) {
  const [h, p, s] = (await f.device.proof('POST', '/v1/renew', raw)).split('.') as [string, string, string]
  const [header, payload] = edit(decode(h), decode(p))
  return `${encodeBase64url(Buffer.from(JSON.stringify(header)))}.${encodeBase64url(Buffer.from(JSON.stringify(payload)))}.${s}`
}
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as object

/** A body of `size` bytes that is otherwise a valid renewal request. */
const padded = (f: Fixture, size: number) => JSON.stringify({ ...renewBody(f), pad: 'x'.repeat(size) })

const CASES: Case[] = [
  // --- body format -----------------------------------------------------------------------------
  {
    name: 'malformed JSON',
    status: 400,
    code: 'MALFORMED_JSON',
    request: (f) => postRaw(f.c.url, '/v1/renew', '{"product": "demo", "license":'),
  },
  {
    name: 'JSON followed by garbage',
    status: 400,
    code: 'MALFORMED_JSON',
    request: (f) => postRaw(f.c.url, '/v1/renew', '{"product": "demo"} trailing'),
  },
  {
    name: 'empty JSON body',
    status: 400,
    code: 'MALFORMED_JSON',
    request: (f) => postRaw(f.c.url, '/v1/status', ''),
  },
  {
    name: 'prototype poisoning (__proto__)',
    status: 400,
    code: 'MALFORMED_JSON',
    request: (f) => postRaw(f.c.url, '/v1/renew', '{"__proto__": {"admin": true}, "product": "demo"}'),
  },
  {
    name: 'wrong content type (text/plain)',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    request: async (f) => {
      const raw = JSON.stringify(renewBody(f))
      return send(f.c.url, 'POST', '/v1/renew', {
        body: raw,
        headers: {
          'content-type': 'text/plain',
          'tessera-proof': await f.device.proof('POST', '/v1/renew', raw),
        },
      })
    },
  },
  {
    name: 'wrong content type (form)',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    request: (f) =>
      send(f.c.url, 'POST', '/v1/activate', {
        body: 'product=demo',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
  },
  {
    name: 'no content type',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    request: (f) => send(f.c.url, 'POST', '/v1/renew', { body: new TextEncoder().encode('{}') }),
  },
  {
    name: 'wrong type: product is a number (not coerced)',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) => signedRenew(f, { product: 123, license: f.license }),
  },
  {
    name: 'wrong type: license is a boolean (not coerced)',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) => signedPost(f.c.url, f.device, '/v1/status', { product: 'demo', license: true }),
  },
  {
    name: 'wrong type: event time is a string',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) =>
      signedPost(f.c.url, f.device, '/v1/telemetry', {
        ...renewBody(f),
        events: [{ id: 'e1', type: 'renewal', at: String(now()) }],
      }),
  },
  {
    name: 'wrong type: fingerprint is a string',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: async (f) => {
      const d = new TestDevice()
      return signedPost(
        f.c.url,
        d,
        '/v1/activate',
        { ...activationBody(d, f.key), fingerprint: 'fp' },
        {
          nonce: await nonce(f.c.url),
        },
      )
    },
  },
  {
    name: 'wrong value: a fingerprint component that is not a 6-character hash',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: async (f) => {
      const d = new TestDevice([...testFingerprint('long', 4), 'fp-machine'])
      return activate(f.c.url, d, f.key)
    },
  },
  {
    name: 'wrong value: unknown telemetry event type',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) =>
      signedPost(f.c.url, f.device, '/v1/telemetry', {
        ...renewBody(f),
        events: [{ id: 'e1', type: 'keylogger', at: now() }],
      }),
  },
  {
    name: 'wrong value: negative dropped count',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) =>
      signedPost(f.c.url, f.device, '/v1/telemetry', { ...renewBody(f), events: [], dropped: -1 }),
  },
  {
    name: 'unknown field at the top',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) => signedRenew(f, { ...renewBody(f), admin: true }),
  },
  {
    name: 'unknown field in an event (personal data)',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) =>
      signedPost(f.c.url, f.device, '/v1/telemetry', {
        ...renewBody(f),
        events: [{ id: 'e1', type: 'renewal', at: now(), email: 'a@b.c' }],
      }),
  },
  {
    name: 'device key with a private part (d)',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: async (f) => {
      const d = new TestDevice()
      return signedPost(
        f.c.url,
        d,
        '/v1/activate',
        { ...activationBody(d, f.key), deviceKey: { ...d.jwk, d: encodeBase64url(randomBytes(32)) } },
        { nonce: await nonce(f.c.url) },
      )
    },
  },
  {
    name: 'device key that is not a valid public key',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: async (f) => {
      const d = new TestDevice()
      return signedPost(
        f.c.url,
        d,
        '/v1/activate',
        { ...activationBody(d, f.key), deviceKey: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' } },
        { nonce: await nonce(f.c.url) },
      )
    },
  },
  {
    name: 'huge body (> 64 KiB, with Content-Length)',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    request: (f) => postRaw(f.c.url, '/v1/renew', padded(f, 70_000)),
  },
  {
    name: 'huge body (> 64 KiB, chunked, no Content-Length)',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    request: async (f) => {
      const chunk = new TextEncoder().encode(padded(f, 8_000))
      let sent = 0
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 12) controller.enqueue(chunk)
          else controller.close()
        },
      })
      const res = await fetch(`${f.c.url}/v1/renew`, {
        method: 'POST',
        headers: json,
        body,
        duplex: 'half',
      } as RequestInit)
      const text = await res.text()
      return { status: res.status, headers: res.headers, text, json: JSON.parse(text) }
    },
  },
  {
    name: 'too many telemetry events (101)',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) =>
      signedPost(f.c.url, f.device, '/v1/telemetry', {
        ...renewBody(f),
        events: Array.from({ length: 101 }, (_, i) => ({ id: `e${i}`, type: 'renewal', at: now() })),
      }),
  },
  {
    name: 'too many fingerprint components (17)',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: async (f) => {
      const d = new TestDevice(testFingerprint('seventeen', 17))
      return activate(f.c.url, d, f.key)
    },
  },
  {
    name: 'array where the body object goes',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) => signedRenew(f, [renewBody(f)]),
  },
  {
    name: 'array where the device key object goes',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: async (f) => {
      const d = new TestDevice()
      return signedPost(
        f.c.url,
        d,
        '/v1/activate',
        { ...activationBody(d, f.key), deviceKey: [d.jwk] },
        { nonce: await nonce(f.c.url) },
      )
    },
  },
  {
    name: 'object where the events array goes',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) =>
      signedPost(f.c.url, f.device, '/v1/telemetry', {
        ...renewBody(f),
        events: { id: 'e1', type: 'renewal', at: now() },
      }),
  },
  {
    name: 'deeply nested arrays (20 000 levels)',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) => postRaw(f.c.url, '/v1/renew', `${'['.repeat(20_000)}${']'.repeat(20_000)}`),
  },
  {
    name: 'deeply nested objects in a member (10 000 levels)',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) =>
      postRaw(
        f.c.url,
        '/v1/status',
        `{"product":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)},"license":"${f.license}"}`,
      ),
  },
  {
    name: 'NUL byte in an id',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) => signedRenew(f, { product: 'de\u0000mo', license: f.license }),
  },
  // --- proofs ----------------------------------------------------------------------------------
  {
    name: 'missing proof',
    status: 401,
    code: 'PROOF_INVALID',
    request: (f) => postRaw(f.c.url, '/v1/renew', JSON.stringify(renewBody(f))),
  },
  {
    name: 'empty proof',
    status: 401,
    code: 'PROOF_INVALID',
    request: (f) => postRaw(f.c.url, '/v1/renew', JSON.stringify(renewBody(f)), ''),
  },
  {
    name: 'garbage proof',
    status: 401,
    code: 'PROOF_INVALID',
    request: (f) => postRaw(f.c.url, '/v1/renew', JSON.stringify(renewBody(f)), 'not.a.jws'),
  },
  {
    name: 'oversized proof header (> 4096)',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) => postRaw(f.c.url, '/v1/renew', JSON.stringify(renewBody(f)), 'a'.repeat(5000)),
  },
  {
    name: 'proof with alg none',
    status: 401,
    code: 'PROOF_INVALID',
    request: async (f) => {
      const raw = JSON.stringify(renewBody(f))
      const proof = await tamperedProof(f, raw, (h, p) => [{ ...h, alg: 'none' }, p])
      return postRaw(f.c.url, '/v1/renew', raw, `${proof.split('.').slice(0, 2).join('.')}.`)
    },
  },
  {
    name: 'proof with a payload edited after signing (jti)',
    status: 401,
    code: 'PROOF_INVALID',
    request: async (f) => {
      const raw = JSON.stringify(renewBody(f))
      return postRaw(
        f.c.url,
        '/v1/renew',
        raw,
        await tamperedProof(f, raw, (h, p) => [h, { ...p, jti: 'x1' }]),
      )
    },
  },
  {
    name: 'proof of another token type (typ)',
    status: 401,
    code: 'PROOF_INVALID',
    request: async (f) => {
      const raw = JSON.stringify(renewBody(f))
      const proof = await tamperedProof(f, raw, (h, p) => [{ ...h, typ: 'tessera-lease+jwt' }, p])
      return postRaw(f.c.url, '/v1/renew', raw, proof)
    },
  },
  {
    name: 'expired proof (iat 10 minutes ago)',
    status: 401,
    code: 'PROOF_INVALID',
    request: async (f) => {
      const raw = JSON.stringify(renewBody(f))
      return postRaw(
        f.c.url,
        '/v1/renew',
        raw,
        await f.device.proof('POST', '/v1/renew', raw, { iat: now() - 600 }),
      )
    },
  },
  {
    name: 'future proof (iat in 10 minutes)',
    status: 401,
    code: 'PROOF_INVALID',
    request: async (f) => {
      const raw = JSON.stringify(renewBody(f))
      return postRaw(
        f.c.url,
        '/v1/renew',
        raw,
        await f.device.proof('POST', '/v1/renew', raw, { iat: now() + 600 }),
      )
    },
  },
  {
    name: 'replayed proof',
    status: 401,
    code: 'PROOF_INVALID',
    request: async (f) => {
      const raw = JSON.stringify(renewBody(f))
      const proof = await f.device.proof('POST', '/v1/renew', raw)
      expect((await postRaw(f.c.url, '/v1/renew', raw, proof)).status).toBe(200)
      return postRaw(f.c.url, '/v1/renew', raw, proof)
    },
  },
  {
    name: 'proof for another path',
    status: 401,
    code: 'PROOF_INVALID',
    request: async (f) => {
      const raw = JSON.stringify(renewBody(f))
      return postRaw(f.c.url, '/v1/renew', raw, await f.device.proof('POST', '/v1/status', raw))
    },
  },
  {
    name: 'proof for another method',
    status: 401,
    code: 'PROOF_INVALID',
    request: async (f) => {
      const raw = JSON.stringify(renewBody(f))
      return postRaw(f.c.url, '/v1/renew', raw, await f.device.proof('GET', '/v1/renew', raw))
    },
  },
  {
    name: 'proof for another body (same JSON, other bytes)',
    status: 401,
    code: 'PROOF_INVALID',
    request: async (f) => {
      const raw = JSON.stringify(renewBody(f))
      return postRaw(f.c.url, '/v1/renew', raw, await f.device.proof('POST', '/v1/renew', `${raw} `))
    },
  },
  {
    name: 'proof naming device D, signed by another device',
    status: 401,
    code: 'PROOF_INVALID',
    request: async (f) => {
      const raw = JSON.stringify(renewBody(f))
      const mine = (await f.device.proof('POST', '/v1/renew', raw)).split('.')
      const theirs = (await new TestDevice().proof('POST', '/v1/renew', raw)).split('.')
      return postRaw(f.c.url, '/v1/renew', raw, `${mine[0]}.${mine[1]}.${theirs[2]}`)
    },
  },
  {
    name: 'proof by a device with no seat on the license',
    status: 404,
    code: 'DEVICE_NOT_FOUND',
    request: (f) => signedPost(f.c.url, new TestDevice(), '/v1/renew', renewBody(f)),
  },
  {
    name: 'activation proof by another key than the device key sent',
    status: 401,
    code: 'PROOF_INVALID',
    request: async (f) => {
      const [claimed, signer] = [new TestDevice(), new TestDevice()]
      return signedPost(f.c.url, signer, '/v1/activate', activationBody(claimed, f.key), {
        nonce: await nonce(f.c.url),
      })
    },
  },
  // --- activation nonces -----------------------------------------------------------------------
  {
    name: 'activation without a nonce',
    status: 401,
    code: 'NONCE_INVALID',
    request: (f) => {
      const d = new TestDevice()
      return signedPost(f.c.url, d, '/v1/activate', activationBody(d, f.key))
    },
  },
  {
    name: 'activation with a nonce the server never issued',
    status: 401,
    code: 'NONCE_INVALID',
    request: (f) => {
      const d = new TestDevice()
      return signedPost(f.c.url, d, '/v1/activate', activationBody(d, f.key), {
        nonce: encodeBase64url(randomBytes(18)),
      })
    },
  },
  {
    name: 'activation nonce reused',
    status: 401,
    code: 'NONCE_INVALID',
    request: async (f) => {
      const used = await nonce(f.c.url)
      const d1 = new TestDevice()
      const first = await signedPost(f.c.url, d1, '/v1/activate', activationBody(d1, f.key), { nonce: used })
      expect(first.status, first.text).toBe(200)
      const d2 = new TestDevice()
      return signedPost(f.c.url, d2, '/v1/activate', activationBody(d2, f.key), { nonce: used })
    },
  },
  // --- licenses, leases, devices of others -----------------------------------------------------
  {
    name: 'license key with a typo',
    status: 400,
    code: 'LICENSE_KEY_MALFORMED',
    request: (f) => activate(f.c.url, new TestDevice(), typo(f.key)),
  },
  {
    name: 'license key that is not a key at all',
    status: 400,
    code: 'LICENSE_KEY_MALFORMED',
    request: (f) => activate(f.c.url, new TestDevice(), "' OR 1=1 --"),
  },
  {
    name: 'unknown well-formed license key',
    status: 404,
    code: 'LICENSE_NOT_FOUND',
    request: (f) => activate(f.c.url, new TestDevice(), formatLicenseKey(randomBytes(16))),
  },
  {
    name: 'license key of another product',
    status: 404,
    code: 'LICENSE_NOT_FOUND',
    request: (f) => activate(f.c.url, new TestDevice(), f.otherProductKey),
  },
  {
    name: 'lease id of another license',
    status: 404,
    code: 'NOT_FOUND',
    request: (f) => signedRenew(f, { ...renewBody(f), lease: f.otherLease }),
  },
  {
    name: 'lease id of another license on check-in',
    status: 404,
    code: 'NOT_FOUND',
    request: (f) => signedPost(f.c.url, f.device, '/v1/status', { ...renewBody(f), lease: f.otherLease }),
  },
  {
    name: 'license of another customer (device holds no seat there)',
    status: 404,
    code: 'DEVICE_NOT_FOUND',
    request: (f) => signedRenew(f, { product: 'demo', license: f.otherLicense }),
  },
  {
    name: 'license id named with another product',
    status: 404,
    code: 'LICENSE_NOT_FOUND',
    request: (f) => signedRenew(f, { product: 'other', license: f.license }),
  },
  {
    name: 'unknown license id',
    status: 404,
    code: 'LICENSE_NOT_FOUND',
    request: (f) => signedRenew(f, { product: 'demo', license: 'lic_doesnotexist' }),
  },
  {
    name: 'revoked device renewing',
    status: 403,
    code: 'DEVICE_REVOKED',
    request: (f) => signedPost(f.c.url, f.revoked, '/v1/renew', renewBody(f)),
  },
  {
    name: 'revoked device re-activating',
    status: 403,
    code: 'DEVICE_REVOKED',
    request: (f) => activate(f.c.url, f.revoked, f.key),
  },
  // --- methods, routes, queries ----------------------------------------------------------------
  ...(
    [
      ['GET', '/v1/renew'],
      ['PUT', '/v1/activate'],
      ['DELETE', '/v1/status'],
      ['PATCH', '/v1/telemetry'],
      ['POST', '/v1/nonce'],
      ['POST', '/v1/keyset'],
      ['DELETE', '/.well-known/jwks.json'],
      ['PUT', '/healthz'],
    ] as const
  ).map(
    ([method, path]): Case => ({
      name: `wrong method ${method} ${path}`,
      status: 404,
      code: 'NOT_FOUND',
      request: (f) => send(f.c.url, method, path, method === 'GET' ? {} : { body: '{}', headers: json }),
    }),
  ),
  ...['/v2/renew', '/v1/renew/extra', '/v1/index', '/.well-known/openid-configuration', '/v1/admin-x'].map(
    (path): Case => ({
      name: `unknown route ${path}`,
      status: 404,
      code: 'NOT_FOUND',
      request: (f) => get(f.c.url, path),
    }),
  ),
  {
    name: 'undecodable URL',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) => get(f.c.url, '/v1/%ZZ'),
  },
  {
    name: 'revocations: negative since',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) => get(f.c.url, '/v1/revocations?product=demo&since=-1'),
  },
  {
    name: 'revocations: unknown query member',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) => get(f.c.url, '/v1/revocations?product=demo&all=1'),
  },
  {
    name: 'time: nonce with forbidden characters',
    status: 400,
    code: 'VALIDATION_FAILED',
    request: (f) => get(f.c.url, `/v1/time?nonce=${encodeURIComponent('<script>')}`),
  },
]

/** One symbol of the key's body changed: the check symbols catch it. */
function typo(key: string): string {
  const i = 6
  const replacement = key[i] === 'A' ? 'B' : 'A'
  return `${key.slice(0, i)}${replacement}${key.slice(i + 1)}`
}

describe.each(DATABASES)('hostile input matrix (%s)', (db) => {
  const f = {} as Fixture
  beforeAll(async () => {
    f.c = await startCluster(db)
    const main = await createLicense(f.c, { seats: 5 })
    f.license = main.license.id
    f.key = main.key
    f.device = new TestDevice()
    f.lease = (await activated(f.c, f.device, f.key)).lease.jti
    const other = await createLicense(f.c, { seats: 1 })
    f.otherLicense = other.license.id
    f.otherLease = (await activated(f.c, new TestDevice(), other.key)).lease.jti
    f.revoked = new TestDevice()
    await activated(f.c, f.revoked, f.key)
    await f.c.storage.revokeDevice({
      licenseId: f.license,
      deviceId: f.revoked.id,
      reason: 'test',
      now: now(),
    })
    f.otherProductKey = await otherProductLicenseKey(f.c)
  })
  afterAll(async () => f.c?.stop())

  it.each(CASES)('$name → $status $code', async ({ request, status, code }) => {
    expectProblem(await request(f), status, code)
  })

  it('answers an unknown key and a key of another product identically (no probing)', async () => {
    const unknown = await activate(f.c.url, new TestDevice(), formatLicenseKey(randomBytes(16)))
    const foreign = await activate(f.c.url, new TestDevice(), f.otherProductKey)
    expect(foreign.json).toEqual(unknown.json)
    expect(unknown.text).not.toContain('TSR')
  })

  it('admin API: no token → 401, wrong token → 401, read-only token on a write route → 403', async () => {
    const probe = await get(f.c.url, '/v1/admin/products')
    if (probe.status === 404) {
      // Admin routes not registered in this build: still a problem, never a 5xx.
      expectProblem(probe, 404, 'NOT_FOUND')
      return
    }
    expectProblem(probe, 401, 'UNAUTHORIZED')
    const bogus = await get(f.c.url, '/v1/admin/products', { authorization: `Bearer tsa_${'A'.repeat(43)}` })
    expectProblem(bogus, 401, 'UNAUTHORIZED')
    expectProblem(
      await get(f.c.url, '/v1/admin/products', { authorization: 'Basic YWRtaW46YWRtaW4=' }),
      401,
      'UNAUTHORIZED',
    )
    const read = await createAdminToken(f.c.storage, {
      label: 'ro',
      scopes: ['read'],
      now: now(),
      random: randomBytes,
    })
    const auth = { authorization: `Bearer ${read.token}`, ...json }
    expect((await get(f.c.url, '/v1/admin/products', auth)).status).toBe(200)
    const write = await send(f.c.url, 'POST', '/v1/admin/products', {
      body: JSON.stringify({ id: 'p2', name: 'P2', features: [], essential: [] }),
      headers: auth,
    })
    expectProblem(write, 403, 'FORBIDDEN_SCOPE')
    const revoke = await send(f.c.url, 'POST', `/v1/admin/licenses/${f.license}/revoke`, {
      body: JSON.stringify({ reason: 'x' }),
      headers: auth,
    })
    expectProblem(revoke, 403, 'FORBIDDEN_SCOPE')
    // The license was not touched.
    expect((await f.c.storage.getLicense(f.license))?.status).toBe('active')
  })

  it('survives random JSON and random bytes on every device endpoint (never a 5xx)', async () => {
    const proofOf = async (path: string, raw: string, kind: number) => {
      if (kind === 0) return undefined
      if (kind === 1) return f.device.proof('POST', path, raw) // valid: reaches the services
      return encodeBase64url(randomBytes(kind * 7))
    }
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record(
          {
            product: fc.oneof(fc.constant('demo'), fc.string({ maxLength: 70 }), fc.jsonValue()),
            license: fc.oneof(fc.constant(f.license), fc.string({ maxLength: 70 }), fc.jsonValue()),
            lease: fc.oneof(fc.constant(f.lease), fc.constant(f.otherLease), fc.string({ maxLength: 70 })),
            licenseKey: fc.oneof(fc.constant(f.key), fc.string({ maxLength: 70 })),
            deviceKey: fc.oneof(fc.constant(f.device.jwk), fc.jsonValue()),
            fingerprint: fc.oneof(
              fc.constant(f.device.fingerprint),
              fc.array(fc.string({ maxLength: 70 }), { maxLength: 20 }),
            ),
            events: fc.array(
              fc.record(
                {
                  id: fc.string({ maxLength: 70 }),
                  type: fc.constantFrom('renewal', 'offline', 'anomaly', 'x'),
                  at: fc.oneof(fc.integer(), fc.double()),
                  seconds: fc.integer(),
                  code: fc.string({ maxLength: 70 }),
                },
                { requiredKeys: [] },
              ),
              { maxLength: 5 },
            ),
            dropped: fc.integer(),
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...DEVICE_ENDPOINTS),
        body,
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/octet-stream',
        ),
        async (path, raw, proofKind, contentType) => {
          const proof = await proofOf(path, raw, proofKind)
          const res = await send(f.c.url, 'POST', path, {
            body: raw,
            headers: {
              'content-type': contentType,
              ...(proof !== undefined ? { 'tessera-proof': proof } : {}),
            },
          })
          expect(res.status, `${path} ${raw.slice(0, 200)} → ${res.text}`).toBeLessThan(500)
          if (res.status >= 400)
            expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('served no 5xx during the whole matrix and still answers /healthz', async () => {
    const metrics = (await get(f.c.url, '/metrics')).text
    const fivexx = metrics
      .split('\n')
      .filter((l) => /^tessera_http_request_duration_seconds_count\{.*status="5\d\d"/.test(l))
    expect(fivexx).toEqual([])
    expect((await get(f.c.url, '/healthz')).json).toEqual({ ok: true })
    expect((await get(f.c.url, '/readyz')).json).toEqual({ ok: true })
    // And it still does its job.
    expect((await signedRenew(f)).status).toBe(200)
  })
})

describe.each(DATABASES)('rate limits (%s)', (db) => {
  let c: Cluster
  beforeAll(async () => {
    c = await startCluster(db, { server: { rateLimits: { windowSeconds: 3600, perIp: 8, perLicense: 3 } } })
  })
  afterAll(async () => c?.stop())

  it('per license: 429 RATE_LIMITED with Retry-After; per IP: across nonce and device endpoints', async () => {
    const { license, key } = await createLicense(c, { seats: 2 })
    const device = new TestDevice()
    // IP hits 1-2 (nonce, activate); license hit 1.
    expect((await activate(c.url, device, key)).status).toBe(200)
    const body = { product: 'demo', license: license.id }
    expect((await signedPost(c.url, device, '/v1/status', body)).status).toBe(200) // IP 3, license 2
    expect((await signedPost(c.url, device, '/v1/status', body)).status).toBe(200) // IP 4, license 3
    const limited = await signedPost(c.url, device, '/v1/status', body) // IP 5, license 4 > 3
    expectProblem(limited, 429, 'RATE_LIMITED')
    const retryAfter = Number(limited.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(3600)
    // Another license from the same IP still passes until the IP budget (8) is spent.
    const other = await createLicense(c, { seats: 1 })
    const d2 = new TestDevice()
    expect((await activate(c.url, d2, other.key)).status).toBe(200) // IP 6-7
    expect(
      (await signedPost(c.url, d2, '/v1/status', { product: 'demo', license: other.license.id })).status,
    ).toBe(200) // IP 8
    const ipLimited = await signedPost(c.url, d2, '/v1/status', {
      product: 'demo',
      license: other.license.id,
    })
    expectProblem(ipLimited, 429, 'RATE_LIMITED')
    expectProblem(await get(c.url, '/v1/nonce'), 429, 'RATE_LIMITED')
    expect(Number((await get(c.url, '/v1/nonce')).headers.get('retry-after'))).toBeGreaterThan(0)
    // Public reads that need no budget stay available.
    expect((await get(c.url, '/healthz')).status).toBe(200)
    expect((await get(c.url, '/v1/keyset')).status).toBe(200)
  })
})

describe.each(DATABASES)('per-license budget (%s)', (db) => {
  let c: Cluster
  beforeAll(async () => {
    c = await startCluster(db, {
      server: { rateLimits: { windowSeconds: 3600, perIp: 1000, perLicense: 3 } },
    })
  })
  afterAll(async () => c?.stop())

  it('cannot be spent by someone who only knows the license id (unauthenticated junk)', async () => {
    const { license, key } = await createLicense(c, { seats: 1 })
    const device = new TestDevice()
    expect((await activate(c.url, device, key)).status).toBe(200) // license hit 1
    const body = { product: 'demo', license: license.id }
    const raw = JSON.stringify(body)
    const stranger = new TestDevice()
    for (let i = 0; i < 5; i++) {
      expectProblem(await postRaw(c.url, '/v1/renew', raw, 'not.a.proof'), 401, 'PROOF_INVALID')
      expectProblem(await signedPost(c.url, stranger, '/v1/renew', body), 404, 'DEVICE_NOT_FOUND')
      const forged = (await device.proof('POST', '/v1/renew', raw)).replace(/\.[^.]+$/, `.${'A'.repeat(86)}`)
      expectProblem(await postRaw(c.url, '/v1/renew', raw, forged), 401, 'PROOF_INVALID')
    }
    // The device itself still has its budget (hits 2 and 3), then is limited.
    expect((await signedPost(c.url, device, '/v1/renew', body)).status).toBe(200)
    expect((await signedPost(c.url, device, '/v1/status', body)).status).toBe(200)
    expectProblem(await signedPost(c.url, device, '/v1/status', body), 429, 'RATE_LIMITED')
  })
})

/** A product `other` with its own policy and one license: its key. */
async function otherProductLicenseKey(c: Cluster): Promise<string> {
  const t = now()
  await c.storage.createProduct({
    id: 'other',
    name: 'Other',
    features: ['a'],
    essential: ['a'],
    createdAt: t,
  })
  await c.storage.createPolicy({ id: 'pol_other', productId: 'other', name: 'other', createdAt: t })
  const params = (await c.storage.getPolicyVersion(c.init.demo.policy, 1))!.params
  await c.storage.createPolicyVersion({ policyId: 'pol_other', params, createdAt: t })
  const key = formatLicenseKey(randomBytes(16))
  await c.storage.createLicense({
    id: `lic_${randomBytes(9).toString('base64url')}`,
    productId: 'other',
    policyId: 'pol_other',
    keyHash: licenseKeyHash(key, nodeCrypto),
    keyHint: key.slice(-4),
    ownerRef: 'acct_other',
    edition: 'base',
    features: ['a'],
    seats: 1,
    expiresAt: null,
    createdAt: t,
  })
  return key
}
