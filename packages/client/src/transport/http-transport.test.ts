import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verifyDeviceProof } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { afterEach, describe, expect, it } from 'vitest'
import { DEVICE, T0 } from '../../../core/src/test-support/factory.js'
import { createProver } from '../device/proof.js'
import { HttpTransport } from './http-transport.js'
import { parseRetryAfter } from './problem.js'
import { isTransportError, type TransportError } from './transport-error.js'

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void
let server: Server | null = null
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = null
})

async function serve(handler: Handler): Promise<string> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handler(req, Buffer.concat(chunks), res))
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

const device = { id: DEVICE.thumbprint, publicJwk: DEVICE.jwk, sign: DEVICE.sign }
const prove = createProver(device, () => T0)
const renewBody = { product: 'demo', license: 'lic_01', lease: 'lea_1' }

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!isTransportError(err)) throw new Error(`expected a TransportError, got ${String(err)}`)
  return err
}

describe('HttpTransport', () => {
  it('binds the device proof to the method, the full path and the exact body bytes', async () => {
    let seen: { proof: string; path: string; body: Buffer; type: string } | null = null
    const url = await serve((req, body, res) => {
      seen = {
        proof: String(req.headers['tessera-proof']),
        path: req.url!,
        body,
        type: String(req.headers['content-type']),
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"bundle":{"v":1}}')
    })
    const transport = new HttpTransport(`${url}/licensing`)
    expect(await transport.renew(renewBody, prove)).toEqual({ bundle: { v: 1 } })
    const s = seen!
    expect(s.path).toBe('/licensing/v1/renew')
    expect(s.type).toBe('application/json')
    const claims = verifyDeviceProof(
      s.proof,
      DEVICE.jwk,
      {
        method: 'POST',
        path: '/licensing/v1/renew',
        bodyHash: createHash('sha256').update(s.body).digest('base64url'),
        now: T0,
      },
      nodeCrypto,
    )
    expect(claims).toMatchObject({ htm: 'POST', iat: T0 })
    expect(JSON.parse(s.body.toString())).toEqual(renewBody)
  })

  it('fetches a nonce and carries it in the activation proof', async () => {
    const url = await serve((req, body, res) => {
      if (req.url === '/v1/nonce') {
        res.writeHead(200).end('{"nonce":"n-1","expiresAt":1}')
        return
      }
      const payload = JSON.parse(
        Buffer.from(String(req.headers['tessera-proof']).split('.')[1]!, 'base64url').toString(),
      )
      res.writeHead(200).end(JSON.stringify({ bundle: { non: payload.non, size: body.length } }))
    })
    const transport = new HttpTransport(url)
    const { nonce } = await transport.nonce()
    const activation = { product: 'demo', licenseKey: 'TSR-X', deviceKey: DEVICE.jwk, fingerprint: ['a'] }
    expect(await transport.activate(activation, prove, nonce)).toMatchObject({ bundle: { non: 'n-1' } })
  })

  it('turns problem+json into coded errors with their kind, Retry-After and revocation receipt', async () => {
    const answers: [number, Record<string, string>, string][] = [
      [403, {}, JSON.stringify({ title: 'Revoked', status: 'a.b.c', code: 'LICENSE_REVOKED' })],
      [
        429,
        { 'retry-after': '30' },
        JSON.stringify({ title: 'Slow down', status: 429, code: 'RATE_LIMITED' }),
      ],
      [
        503,
        { 'retry-after': new Date(Date.now() + 120_000).toUTCString() },
        JSON.stringify({ code: 'OVERLOADED' }),
      ],
      [404, {}, JSON.stringify({ title: 'x', status: 404, code: 'DEVICE_NOT_FOUND' })],
      [502, {}, '<html>bad gateway</html>'],
      [302, { location: '/elsewhere' }, ''],
    ]
    let i = 0
    const url = await serve((_req, _body, res) => {
      const [status, headers, body] = answers[i++]!
      res.writeHead(status, { 'content-type': 'application/problem+json', ...headers }).end(body)
    })
    const transport = new HttpTransport(url)
    const errors = []
    for (let n = 0; n < answers.length; n++) errors.push(await failure(transport.renew(renewBody, prove)))
    expect(errors.map((e) => [e.kind, e.code, e.status])).toEqual([
      ['rejected', 'LICENSE_REVOKED', 403],
      ['rate_limited', 'RATE_LIMITED', 429],
      ['server_error', 'OVERLOADED', 503],
      ['rejected', 'DEVICE_NOT_FOUND', 404],
      ['server_error', 'HTTP_502', 502],
      ['server_error', 'HTTP_302', 302],
    ])
    expect(errors[0]!.statusReceipt).toBe('a.b.c')
    expect(errors[1]!.retryAfter).toBe(30)
    expect(errors[2]!.retryAfter).toBeGreaterThan(100)
    expect(errors[3]!.statusReceipt).toBeNull()
  })

  it('reports no answer as offline: refused, timed out, aborted; a bad 200 as a server error', async () => {
    const url = await serve((req, _body, res) => {
      if (req.url === '/v1/time') return // never answers
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"unexpected":true}')
    })
    expect(
      await failure(new HttpTransport(url).status({ product: 'demo', license: 'l' }, prove)),
    ).toMatchObject({
      kind: 'server_error',
      code: 'BAD_RESPONSE',
    })
    const slow = new HttpTransport(url, { timeoutSeconds: 0.3 })
    expect(await failure(slow.time())).toMatchObject({ kind: 'offline', code: 'TIMEOUT', status: 0 })
    const abort = new AbortController()
    const pending = failure(new HttpTransport(url, { signal: abort.signal }).time())
    abort.abort()
    expect(await pending).toMatchObject({ kind: 'offline', code: 'ABORTED' })
    const closed = url.replace(/:\d+$/, ':1')
    expect(await failure(new HttpTransport(closed).nonce())).toMatchObject({
      kind: 'offline',
      code: 'NETWORK_UNREACHABLE',
    })
  })

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('120', now)).toBe(120)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60)
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })
})
