import { generateKeyPairSync, sign as nodeSign, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  componentHash,
  encodeBase64url,
  jwkThumbprint,
  type OkpPublicJwk,
  signJws,
} from '../../packages/core/src/index.js'
import { nodeCrypto } from '../../packages/crypto-node/src/index.js'
import { type PgSchema, pgSchema } from '../../packages/server/src/test-support/pg-schema.js'
import { serve, tessera } from '../lib/run-cli.js'

// Two real `tessera serve` processes sharing one PostgreSQL schema and one data directory: the
// server keeps no state of its own, so either replica can serve any step and seats hold.
let dir: string
let schema: PgSchema
let a: Awaited<ReturnType<typeof serve>>
let b: Awaited<ReturnType<typeof serve>>
let init: { adminToken: string; policy: string }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-replicas-'))
  schema = await pgSchema()
  const created = await tessera(['init', '--data', 'data', '--demo', '--json', '--database', schema.url], {
    cwd: dir,
  })
  expect(created.code, created.stderr).toBe(0)
  init = JSON.parse(created.stdout)
  const args = ['--data', 'data', '--port', '0', '--database', schema.url, '--log-level', 'warn']
  ;[a, b] = await Promise.all([serve(args, { cwd: dir }), serve(args, { cwd: dir })])
})

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
  await schema?.drop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

function device() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: publicKey.export({ format: 'jwk' }).x! } as OkpPublicJwk
  const id = jwkThumbprint(jwk, nodeCrypto)
  const proof = (path: string, body: string, nonce?: string) =>
    signJws(
      'proof',
      id,
      {
        v: 1,
        htm: 'POST',
        htu: path,
        iat: Math.floor(Date.now() / 1000),
        jti: encodeBase64url(randomBytes(12)),
        bdh: encodeBase64url(nodeCrypto.sha256(Buffer.from(body))),
        ...(nonce ? { non: nonce } : {}),
      },
      (data) => nodeSign(null, data, privateKey),
    )
  return { jwk, id, proof }
}

async function post(url: string, path: string, body: object, proof: string) {
  const text = JSON.stringify(body)
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'tessera-proof': proof },
    body: text,
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

async function activate(url: string, key: string, nonceFrom: string) {
  const d = device()
  const { nonce } = (await (await fetch(`${nonceFrom}/v1/nonce`)).json()) as { nonce: string }
  const fingerprint = ['machine-id', 'os', 'cpu'].map((n) => componentHash('demo', n, d.jwk.x, nodeCrypto))
  const body = { product: 'demo', licenseKey: key, deviceKey: d.jwk, fingerprint }
  const res = await post(
    url,
    '/v1/activate',
    body,
    await d.proof('/v1/activate', JSON.stringify(body), nonce),
  )
  return { device: d, res }
}

describe('two server processes on one PostgreSQL', () => {
  it('share nonces, seats, renewals and replay protection', async () => {
    const admin = { TESSERA_ADMIN_TOKEN: init.adminToken }
    const created = await tessera(
      [
        'admin',
        'license',
        'create',
        '--server',
        a.url,
        '--product',
        'demo',
        '--policy',
        init.policy,
        '--seats',
        '3',
        '--json',
      ],
      { cwd: dir, env: admin },
    )
    const license = JSON.parse(created.stdout) as { id: string; key: string }

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        activate(i % 2 ? a.url : b.url, license.key, i % 2 ? b.url : a.url),
      ),
    )
    expect(results.filter((r) => r.res.status === 200)).toHaveLength(3)
    expect(results.filter((r) => r.res.body.code === 'SEATS_EXHAUSTED')).toHaveLength(7)

    const holder = results.find((r) => r.res.status === 200)!.device
    const body = { product: 'demo', license: license.id }
    const proof = await holder.proof('/v1/renew', JSON.stringify(body))
    expect((await post(b.url, '/v1/renew', body, proof)).status).toBe(200)
    const replayed = await post(a.url, '/v1/renew', body, proof)
    expect(replayed.status).toBe(401)
    expect(replayed.body.code).toBe('PROOF_INVALID')

    for (const url of [a.url, b.url]) {
      const shown = await tessera(['admin', 'license', 'show', license.id, '--json', '--server', url], {
        cwd: dir,
        env: admin,
      })
      const devices = (JSON.parse(shown.stdout) as { devices: { status: string }[] }).devices
      expect(devices.filter((d) => d.status === 'active')).toHaveLength(3)
    }
  })
})
