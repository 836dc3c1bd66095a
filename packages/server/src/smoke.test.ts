import { parseBundle, verifyBundle } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readRootJwk } from './keys/data-dir.js'
import { TestDevice } from './test-support/test-device.js'
import { type RunningServer, startTestServer } from './test-support/test-server.js'

let srv: RunningServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(async () => srv?.stop())

async function post(path: string, body: unknown, proof?: string) {
  const text = JSON.stringify(body)
  const res = await fetch(`${srv.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(proof ? { 'tessera-proof': proof } : {}) },
    body: text,
  })
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as Record<string, unknown>,
  }
}

describe('server smoke', () => {
  it('activates, renews and verifies the bundle with core', async () => {
    const device = new TestDevice()
    const { nonce } = (await (await fetch(`${srv.url}/v1/nonce`)).json()) as { nonce: string }
    const body = {
      product: 'demo',
      licenseKey: srv.init.demo!.licenseKey,
      deviceKey: device.jwk,
      fingerprint: device.fingerprint,
    }
    const res = await post(
      '/v1/activate',
      body,
      await device.proof('POST', '/v1/activate', JSON.stringify(body), { nonce }),
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const trust = { roots: [await readRootJwk(srv.dataDir)], keysetVersion: 0, rootVersion: 0 }
    const verified = verifyBundle(parseBundle(res.body.bundle), trust, nodeCrypto)
    expect(verified.lease.cnf.jkt).toBe(device.id)
    const renewBody = { product: 'demo', license: verified.lease.sub }
    const renewed = await post(
      '/v1/renew',
      renewBody,
      await device.proof('POST', '/v1/renew', JSON.stringify(renewBody)),
    )
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200)
  })

  it('answers problem+json for junk', async () => {
    const res = await post('/v1/renew', { product: 'demo', license: 'lic_x', extra: 1 })
    expect(res.status).toBe(400)
    expect(res.type).toContain('application/problem+json')
    expect(res.body.code).toBe('VALIDATION_FAILED')
  })
})
