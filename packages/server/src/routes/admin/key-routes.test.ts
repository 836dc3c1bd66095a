import { generateKeyPairSync, sign as nodeSign } from 'node:crypto'
import { decodeJws, jwkThumbprint, signJws, verifyKeyset, verifyLease } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { describe, expect, it } from 'vitest'
import { dataFiles } from '../../keys/data-dir.js'
import { loadKeyringConfig, saveKeyringConfig } from '../../keys/keyring-config.js'
import { KEY_LIFETIME, keysetClaims, keysetEntry, signKeyset } from '../../keys/keyset-document.js'
import { ROTATION_OVERLAP, rotatedEntries } from '../../keys/keyset-rotation.js'
import { newOnlineKey } from '../../keys/provision.js'
import { openFileSigner } from '../../signer/index.js'
import {
  activate,
  call,
  deviceCall,
  sellLicense,
  TEST_DIALECTS,
  useAdminServer,
} from './test-support/admin-harness.js'

describe.each(TEST_DIALECTS)('online key rotation and key set import on %s', (dialect) => {
  const fx = useAdminServer(dialect)

  const publishedKeyset = async () => {
    const res = await call(fx.srv.url, 'GET', '/v1/keyset')
    return verifyKeyset(res.body.chain, res.body.keyset, fx.trust, nodeCrypto)
  }
  const jwksKids = async () =>
    (await call(fx.srv.url, 'GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid)
  const renewedLeaseKid = async (
    sold: { product: string; license: string },
    device: Parameters<typeof deviceCall>[1],
  ) => {
    const res = await deviceCall(fx, device, '/v1/renew', { product: sold.product, license: sold.license })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return { kid: decodeJws(res.body.bundle.lease, 'lease').kid, lease: res.body.bundle.lease as string }
  }

  it('rotates with the online root: old leases still verify, new ones carry the new kid, JWKS lists both', async () => {
    const sold = await sellLicense(fx)
    const { device, bundle } = await activate(fx, sold.product, sold.key)
    const oldKid = decodeJws(bundle.lease, 'lease').kid
    const writer = await fx.tokenWith('write')
    expect((await fx.post('/v1/admin/keys/rotate', {}, writer)).body.code).toBe('FORBIDDEN_SCOPE')

    const rotated = await fx.post('/v1/admin/keys/rotate')
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200)
    const { kid, version, keys } = rotated.body
    expect(version).toBe(2)
    expect(kid).not.toBe(oldKid)
    const old = keys.find((k: { kid: string }) => k.kid === oldKid)
    expect(old.exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + ROTATION_OVERLAP)

    const keyset = await publishedKeyset()
    expect(keyset.claims.ver).toBe(2)
    expect(verifyLease(bundle.lease, keyset, nodeCrypto).jti).toBe(
      decodeJws(bundle.lease, 'lease').payload.jti,
    )
    const renewed = await renewedLeaseKid(sold, device)
    expect(renewed.kid).toBe(kid)
    expect(verifyLease(renewed.lease, keyset, nodeCrypto).sub).toBe(sold.license)
    expect(await jwksKids()).toEqual(expect.arrayContaining([oldKid, kid]))

    const third = await fx.post('/v1/admin/keys/rotate', {})
    expect(third.body.version).toBe(3)
    expect(third.body.keys.map((k: { kid: string }) => k.kid)).toEqual(
      expect.arrayContaining([oldKid, kid, third.body.kid]),
    )
    expect((await renewedLeaseKid(sold, device)).kid).toBe(third.body.kid)
    const audit = await fx.get('/v1/admin/audit?limit=1000')
    expect(audit.body.rows.filter((r: { action: string }) => r.action === 'keys.rotate')).toHaveLength(2)
    expect((await fx.post('/v1/admin/keys/rotate', { force: true })).status).toBe(400)
  })

  it('with an offline root: 409 ROOT_KEY_OFFLINE, then imports a key set signed elsewhere', async () => {
    const { storage } = fx.srv.server.context
    const config = (await loadKeyringConfig(storage))!
    await saveKeyringConfig(storage, { issuer: config.issuer, keys: config.keys })
    const refused = await fx.post('/v1/admin/keys/rotate')
    expect([refused.status, refused.body.code]).toEqual([409, 'ROOT_KEY_OFFLINE'])
    expect(refused.body.detail).toContain('/v1/admin/keysets')

    // The ceremony where the root lives: a new online key, key set version+1, signed by the root.
    const current = await publishedKeyset()
    const now = Math.floor(Date.now() / 1000)
    const key = await newOnlineKey(fx.srv.dataDir)
    const entry = keysetEntry(key.kid, key.publicKey, ['lease', 'status', 'time'], now, now + KEY_LIFETIME)
    const claims = keysetClaims(
      config.issuer,
      current.claims.ver + 1,
      now,
      rotatedEntries(current.claims.keys, entry, now),
    )
    const root = await openFileSigner(dataFiles(fx.srv.dataDir).rootPrivateKey, {
      kid: jwkThumbprint(fx.trust.roots[0]!, nodeCrypto),
    })
    const token = await signKeyset(root, claims)
    await root.close()

    const post = (body: object, bearer?: string) => fx.post('/v1/admin/keysets', body, bearer)
    expect((await post({ keyset: token }, await fx.tokenWith('write'))).status).toBe(403)
    const noSource = await post({ keyset: token })
    expect([noSource.status, noSource.body.code]).toEqual([400, 'KEYSET_INVALID'])
    const oldFile = `file:keys/${current.claims.keys.at(-1)!.kid}.pem`
    const wrongFile = await post({ keyset: token, sources: [{ kid: key.kid, source: oldFile }] })
    expect(wrongFile.body.code).toBe('KEYSET_INVALID')
    expect(wrongFile.body.detail).toContain('another key')
    const forger = generateKeyPairSync('ed25519')
    const forgerKid = jwkThumbprint(
      { kty: 'OKP', crv: 'Ed25519', x: forger.publicKey.export({ format: 'jwk' }).x! },
      nodeCrypto,
    )
    const forged = await signJws('keyset', forgerKid, claims, (d) => nodeSign(null, d, forger.privateKey))
    expect(
      (await post({ keyset: forged, sources: [{ kid: key.kid, source: `file:keys/${key.kid}.pem` }] })).body
        .code,
    ).toBe('KEYSET_INVALID')

    const imported = await post({
      keyset: token,
      sources: [{ kid: key.kid, source: `file:keys/${key.kid}.pem` }],
    })
    expect(imported.status, JSON.stringify(imported.body)).toBe(200)
    expect(imported.body.version).toBe(current.claims.ver + 1)
    expect((await publishedKeyset()).claims.ver).toBe(current.claims.ver + 1)
    expect(await jwksKids()).toContain(key.kid)
    const replay = await post({
      keyset: token,
      sources: [{ kid: key.kid, source: `file:keys/${key.kid}.pem` }],
    })
    expect([replay.status, replay.body.code]).toEqual([409, 'CONFLICT'])

    const sold = await sellLicense(fx)
    const { bundle } = await activate(fx, sold.product, sold.key)
    expect(decodeJws(bundle.lease, 'lease').kid).toBe(key.kid)
    const actions = (await fx.get('/v1/admin/audit?limit=1000')).body.rows.map(
      (r: { action: string }) => r.action,
    )
    expect(actions).toContain('keys.import')
  })

  it('refuses a key set whose retired signer’s overlap closed during a long signing ceremony', async () => {
    const { storage } = fx.srv.server.context
    const config = (await loadKeyringConfig(storage))!
    await saveKeyringConfig(storage, { issuer: config.issuer, keys: config.keys })
    const current = await publishedKeyset()
    const prepared = async (preparedAt: number, overlap?: number) => {
      const key = await newOnlineKey(fx.srv.dataDir)
      const entry = keysetEntry(
        key.kid,
        key.publicKey,
        ['lease', 'status', 'time'],
        preparedAt,
        preparedAt + KEY_LIFETIME,
      )
      const claims = keysetClaims(
        config.issuer,
        current.claims.ver + 1,
        preparedAt,
        rotatedEntries(current.claims.keys, entry, preparedAt, overlap),
      )
      const root = await openFileSigner(dataFiles(fx.srv.dataDir).rootPrivateKey, {
        kid: jwkThumbprint(fx.trust.roots[0]!, nodeCrypto),
      })
      const keyset = await signKeyset(root, claims)
      await root.close()
      return { keyset, sources: [{ kid: key.kid, source: `file:keys/${key.kid}.pem` }] }
    }
    // Prepared an hour ago with the default overlap: the current signer's window closed at import.
    const hourAgo = Math.floor(Date.now() / 1000) - 3600
    const late = await fx.post('/v1/admin/keysets', await prepared(hourAgo))
    expect([late.status, late.body.code]).toEqual([400, 'KEYSET_INVALID'])
    expect(late.body.detail).toMatch(/next-keyset \(--overlap SECONDS/)
    expect((await publishedKeyset()).claims.ver).toBe(current.claims.ver)
    // The same ceremony prepared with an overlap covering it imports.
    const covered = await fx.post('/v1/admin/keysets', await prepared(hourAgo, 2 * 3600))
    expect(covered.status, JSON.stringify(covered.body)).toBe(200)
  })
})
