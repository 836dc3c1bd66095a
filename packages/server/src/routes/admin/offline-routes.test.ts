import { randomBytes } from 'node:crypto'
import { encodeBase64url, licenseKeyHash, verifyBundle, verifyOfflineResponse } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { describe, expect, it } from 'vitest'
import { TestDevice } from '../../test-support/test-device.js'
import {
  type AdminFixture,
  sellLicense,
  TEST_DIALECTS,
  useAdminServer,
} from './test-support/admin-harness.js'

async function respond(fx: AdminFixture, token: string | Promise<string>) {
  return fx.post('/v1/admin/offline/respond', { request: await token })
}

describe.each(TEST_DIALECTS)('air-gapped activation and renewal on %s', (dialect) => {
  const fx = useAdminServer(dialect)

  it('activates a device from a request file; the response verifies with the core', async () => {
    const sold = await sellLicense(fx, { seats: 1 })
    const device = new TestDevice()
    const lkh = licenseKeyHash(sold.key, nodeCrypto)
    const req = await device.offlineRequest({ aud: sold.product, kind: 'activate', lkh })
    const res = await respond(fx, req.token)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const { claims, bundle } = verifyOfflineResponse(
      res.body.response,
      fx.trust,
      { deviceId: device.id, requestId: req.jti },
      nodeCrypto,
    )
    expect(claims).toMatchObject({ aud: device.id, req: req.jti, iss: 'tessera' })
    const verified = verifyBundle(bundle, fx.trust, nodeCrypto)
    expect(verified.lease).toMatchObject({ sub: sold.license, aud: sold.product, cnf: { jkt: device.id } })
    expect(verified.lease.hwf.c).toBe(device.fingerprint.join(''))
    // The seat is taken: the single-seat license has no room for another device, online or offline.
    const other = new TestDevice()
    const full = await respond(
      fx,
      (await other.offlineRequest({ aud: sold.product, kind: 'activate', lkh })).token,
    )
    expect([full.status, full.body.code]).toEqual([409, 'SEATS_EXHAUSTED'])
    // The response answers that request for that device only.
    expect(() =>
      verifyOfflineResponse(
        res.body.response,
        fx.trust,
        { deviceId: other.id, requestId: req.jti },
        nodeCrypto,
      ),
    ).toThrow()
    expect(() =>
      verifyOfflineResponse(
        res.body.response,
        fx.trust,
        { deviceId: device.id, requestId: 'other' },
        nodeCrypto,
      ),
    ).toThrow()

    // Renewal by file: a new lease for the same seat.
    const renewReq = await device.offlineRequest({ aud: sold.product, kind: 'renew', lkh })
    const renewed = await respond(fx, renewReq.token)
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200)
    const again = verifyOfflineResponse(
      renewed.body.response,
      fx.trust,
      { deviceId: device.id, requestId: renewReq.jti },
      nodeCrypto,
    )
    const lease = verifyBundle(again.bundle, fx.trust, nodeCrypto).lease
    expect(lease.jti).not.toBe(verified.lease.jti)
    const shown = await fx.get(`/v1/admin/licenses/${sold.license}`)
    expect(shown.body.seatsInUse).toBe(1)
    expect(shown.body.leases).toHaveLength(2)
    const audit = await fx.get('/v1/admin/audit?limit=1000')
    const rows = audit.body.rows.filter((r: { target: string }) => r.target === sold.license)
    expect(rows.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(['offline.activate', 'offline.renew']),
    )
  })

  it('refuses forged, mis-addressed and unknown requests; a revoked device gets a signed 403', async () => {
    const sold = await sellLicense(fx, { seats: 3 })
    const lkh = licenseKeyHash(sold.key, nodeCrypto)
    const device = new TestDevice()
    // Signed by another key than the one it carries.
    const impostor = new TestDevice()
    const forged = await impostor.offlineRequest({
      aud: sold.product,
      kind: 'activate',
      lkh,
      jwk: { ...device.jwk },
    })
    const bad = await respond(fx, forged.token)
    expect([bad.status, bad.body.code]).toEqual([400, 'OFFLINE_REQUEST_INVALID'])
    const proof = await device.proof('POST', '/v1/activate', '{}')
    expect((await respond(fx, proof)).body.code).toBe('OFFLINE_REQUEST_INVALID')
    const noFingerprint = await device.offlineRequest({ aud: sold.product, kind: 'activate', lkh, hwf: [] })
    expect((await respond(fx, noFingerprint.token)).body.code).toBe('OFFLINE_REQUEST_INVALID')
    // Unknown key hash, or the key of another product: the same answer.
    const unknown = await device.offlineRequest({
      aud: sold.product,
      kind: 'activate',
      lkh: encodeBase64url(randomBytes(32)),
    })
    expect((await respond(fx, unknown.token)).body.code).toBe('LICENSE_NOT_FOUND')
    const otherProduct = await device.offlineRequest({ aud: 'demo', kind: 'activate', lkh })
    expect((await respond(fx, otherProduct.token)).body.code).toBe('LICENSE_NOT_FOUND')
    // Renewal of a device that never activated.
    const stranger = await device.offlineRequest({ aud: sold.product, kind: 'renew', lkh })
    expect((await respond(fx, stranger.token)).body.code).toBe('DEVICE_NOT_FOUND')
    // A revoked device: 403 with a status receipt that says so.
    expect(
      (await respond(fx, (await device.offlineRequest({ aud: sold.product, kind: 'activate', lkh })).token))
        .status,
    ).toBe(200)
    await fx.post(`/v1/admin/licenses/${sold.license}/devices/${device.id}/revoke`, { reason: 'stolen' })
    const revoked = await respond(
      fx,
      (await device.offlineRequest({ aud: sold.product, kind: 'renew', lkh })).token,
    )
    expect([revoked.status, revoked.body.code]).toEqual([403, 'DEVICE_REVOKED'])
    expect(revoked.body.statusReceipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(
      (await respond(fx, (await device.offlineRequest({ aud: sold.product, kind: 'activate', lkh })).token))
        .body.code,
    ).toBe('DEVICE_REVOKED')
    expect((await fx.post('/v1/admin/offline/respond', { request: 'a.b.c', extra: 1 })).status).toBe(400)
  })
})
