import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  DAY,
  keysetEntry,
  LEASE_KEY,
  PRODUCT,
  ROOT,
  STATUS_KEY,
  T0,
} from '../../core/src/test-support/factory.js'
import { openClient } from './client.js'
import { isClientError } from './errors.js'
import { FakeServer } from './test-support/fake-server.js'
import { type Harness, harness, LICENSE_KEY, OTHER_KEY } from './test-support/harness.js'
import { type RunningServer, serveOverHttp } from './test-support/http-fake-server.js'
import { issueBundle, offlineResponse } from './test-support/server-tokens.js'

let h: Harness | null = null
let http: RunningServer | null = null
let dir: string | null = null
afterEach(async () => {
  await h?.cleanup()
  await http?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
  h = http = dir = null
})

describe('openClient with nothing injected but the server URL (real fetch, real clock, real machine)', () => {
  it('activates, renews, deactivates over HTTP', async () => {
    const now = () => Math.floor(Date.now() / 1000)
    const server = new FakeServer(now)
    const keys = [
      keysetEntry('k-lease-1', LEASE_KEY, ['lease'], now() - DAY, now() + 400 * DAY),
      keysetEntry('k-status-1', STATUS_KEY, ['status', 'time'], now() - DAY, now() + 400 * DAY),
    ]
    server.keyset = { chain: [], root: ROOT, claims: { iat: now() - 60, exp: now() + 180 * DAY, keys } }
    server.addLicense(LICENSE_KEY, { id: 'lic_http', edition: 'pro', features: ['export', 'view'] })
    http = await serveOverHttp(server)
    dir = await mkdtemp(join(tmpdir(), 'tessera-http-'))
    const client = await openClient({
      serverUrl: http.url,
      product: PRODUCT,
      roots: [ROOT.jwk],
      storeDir: dir,
    })
    expect(client.check().state).toBe('invalid')
    expect((await client.activate(LICENSE_KEY)).state).toBe('active')
    expect(client.can('export')).toBe(true)
    expect((await client.renew()).outcome).toBe('renewed')
    const { claims, decision } = await client.deactivate()
    expect(claims).toMatchObject({ sub: 'lic_http', dev: client.deviceId })
    expect(decision).toMatchObject({ state: 'invalid', reasons: ['NOT_ACTIVATED'] })
    expect(server.devices.size).toBe(0)
    const error = await client.activate(OTHER_KEY).catch((e: unknown) => e)
    expect(isClientError(error, 'LICENSE_NOT_FOUND')).toBe(true)
    await client.close()
    const renewedOffline = await openClient({
      serverUrl: 'http://127.0.0.1:1',
      product: PRODUCT,
      roots: [ROOT.jwk],
      storeDir: dir,
    })
    expect((await renewedOffline.renew()).outcome).toBe('not_activated')
    await renewedOffline.close()
  })
})

describe('activation, deactivation and moving to a new device', () => {
  it('rejects a typo locally and reports server refusals as coded errors', async () => {
    h = await harness()
    const client = await h.open()
    const typo = await client.activate(`${LICENSE_KEY.slice(0, -1)}Z`).catch((e: unknown) => e)
    expect(isClientError(typo, 'LICENSE_KEY_MALFORMED')).toBe(true)
    expect(h.server.calls).toHaveLength(0)
    const unknown = await client.activate(OTHER_KEY).catch((e: unknown) => e)
    expect(unknown).toMatchObject({ code: 'LICENSE_NOT_FOUND', kind: 'rejected', status: 404 })
    expect(client.check().state).toBe('invalid')
  })

  it('deactivate → the seat moves: a second machine activates with the same key', async () => {
    h = await harness()
    const first = await h.activated()
    const second = await h.open({
      storeDir: join(h.dir, 'second'),
      fingerprintSources: (await import('./test-support/harness.js')).machine('b'),
    })
    const { receipt } = await first.deactivate()
    expect(receipt.split('.')).toHaveLength(3)
    expect(first.check()).toMatchObject({ state: 'invalid', reasons: ['NOT_ACTIVATED'] })
    expect(await first.deactivate().catch((e: unknown) => (e as { code: string }).code)).toBe('NOT_ACTIVATED')
    expect((await second.activate(LICENSE_KEY)).state).toBe('active')
    expect((await h.open()).check().state).toBe('invalid')
  })

  it('a closed client refuses work but check() still answers', async () => {
    h = await harness()
    const client = await h.activated()
    await client.close()
    expect(await client.renew().catch((e: unknown) => (e as { code: string }).code)).toBe('CLIENT_CLOSED')
    expect(client.check().state).toBe('active')
  })
})

describe('air-gapped activation and renewal with two files', () => {
  it('activates from a response file, renews from another, and refuses a foreign response', async () => {
    h = await harness()
    h.server.offline = true
    const client = await h.open()
    expect(await client.importOfflineResponse('x').catch((e: unknown) => (e as { code: string }).code)).toBe(
      'NO_PENDING_REQUEST',
    )
    const request = await client.offlineRequest(LICENSE_KEY)
    const claims = JSON.parse(Buffer.from(request.split('.')[1]!, 'base64url').toString())
    expect(claims).toMatchObject({ aud: PRODUCT, kind: 'activate', iat: T0 })
    expect(request).not.toContain(LICENSE_KEY)
    const who = {
      license: 'lic_01',
      deviceId: client.deviceId,
      fingerprint: claims.hwf,
      edition: 'pro',
      features: ['view', 'export'],
    }
    const bundle = await issueBundle(who, T0, 50, h.server.policy)
    const wrong = await offlineResponse(client.deviceId, 'another-request', bundle, T0, 1)
    expect(
      await client.importOfflineResponse(wrong).catch((e: unknown) => (e as { code: string }).code),
    ).toBe('OFFLINE_RESPONSE_INVALID')
    const response = await offlineResponse(client.deviceId, claims.jti, bundle, T0, 2)
    await client.close()
    const restarted = await h.open() // the pending request survives a restart
    expect((await restarted.importOfflineResponse(`\n${response}\n`)).state).toBe('active')
    h.clock.now = T0 + 4 * DAY
    const renewal = JSON.parse(
      Buffer.from((await restarted.offlineRequest()).split('.')[1]!, 'base64url').toString(),
    )
    expect(renewal).toMatchObject({ kind: 'renew', lkh: claims.lkh })
    const fresh = await issueBundle({ ...who, features: ['view'] }, T0 + 4 * DAY, 51, h.server.policy)
    const decision = await restarted.importOfflineResponse(
      await offlineResponse(client.deviceId, renewal.jti, fresh, T0 + 4 * DAY, 3),
    )
    expect(decision).toMatchObject({ state: 'active', features: ['view'], deadline: T0 + 7 * DAY })
  })
})
