/**
 * Issuance through an HSM: the server's online key is a non-extractable Ed25519 key in a SoftHSM2
 * token, named in the keyring by a `pkcs11:` URI (PIN from TESSERA_PKCS11_PIN, never stored). A
 * device activates over HTTP and the lease, access token and status receipt it gets verify with
 * core against the root-signed key set, and with jose against the JWKS.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jwkThumbprint, type KeyPurpose, verifyLease } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initDataDir } from '../init.js'
import { dataFiles, readRootJwk } from '../keys/data-dir.js'
import { loadKeyringConfig, saveKeyringConfig } from '../keys/keyring-config.js'
import { KEY_LIFETIME, keysetClaims, keysetEntry, signKeyset } from '../keys/keyset-document.js'
import { createServer, type TesseraServer } from '../server.js'
import { generatePkcs11Key, isSignerError, openFileSigner, PKCS11_PIN_ENV } from '../signer/index.js'
import { type SoftHsm, setupSoftHsm } from '../signer/test-support/softhsm.js'
import { openStorage } from '../storage/index.js'
import {
  type Cluster,
  GENEROUS_LIMITS,
  get,
  keyset,
  signedPost,
  TestDevice,
  activated as viaHttp,
} from './test-support/harness.js'

const HSM_KID = 'hsm-lease-1'
const PURPOSES: KeyPurpose[] = ['lease', 'status', 'time']

let hsm: SoftHsm | undefined
let setupError: unknown
let dataDir: string
let server: TesseraServer | undefined
let cluster: Cluster
const savedPin = process.env[PKCS11_PIN_ENV]

/**
 * Moves the data directory's signing to the HSM: an Ed25519 key generated inside the token, key
 * set version 2 (signed by the root) listing only that key, and a keyring config naming it by URI.
 */
async function adoptHsmKey(dir: string, uri: string): Promise<void> {
  const now = Math.floor(Date.now() / 1000)
  const { publicKey } = await generatePkcs11Key(uri)
  const storage = await openStorage(dataFiles(dir).database)
  try {
    const config = await loadKeyringConfig(storage)
    if (!config) throw new Error('data directory has no keyring')
    const rootKid = jwkThumbprint(await readRootJwk(dir), nodeCrypto)
    const root = await openFileSigner(dataFiles(dir).rootPrivateKey, { kid: rootKid })
    try {
      const entry = keysetEntry(HSM_KID, publicKey, PURPOSES, now - 300, now + KEY_LIFETIME)
      const token = await signKeyset(root, keysetClaims(config.issuer, 2, now, [entry]))
      await storage.putKeyset({ version: 2, token, createdAt: now })
    } finally {
      await root.close()
    }
    await saveKeyringConfig(storage, { ...config, keys: [{ kid: HSM_KID, use: PURPOSES, source: uri }] })
  } finally {
    await storage.close()
  }
}

beforeAll(async () => {
  try {
    hsm = setupSoftHsm('tessera-server')
  } catch (err) {
    // Reported by every test (a throwing beforeAll would only mark them skipped).
    setupError = err
    return
  }
  dataDir = await mkdtemp(join(tmpdir(), 'tessera-hsm-'))
  const init = await initDataDir({ dataDir, demo: true })
  // The URI names the key; the PIN comes from the environment, so it is never in the database.
  process.env[PKCS11_PIN_ENV] = hsm.pin
  await adoptHsmKey(dataDir, hsm.uri(`object=${HSM_KID}`))
  server = await createServer({ dataDir, logLevel: false, rateLimits: GENEROUS_LIMITS, loadShedding: false })
  const url = await server.listen({ host: '127.0.0.1', port: 0 })
  cluster = {
    db: 'sqlite',
    urls: [url],
    url,
    servers: [server],
    server,
    init: init as Cluster['init'],
    dataDir,
    storage: server.context.storage,
    trust: { roots: [await readRootJwk(dataDir)], keysetVersion: 0, rootVersion: 0 },
    stop: async () => undefined,
  }
})

afterAll(async () => {
  await server?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
  hsm?.cleanup()
  if (savedPin === undefined) delete process.env[PKCS11_PIN_ENV]
  else process.env[PKCS11_PIN_ENV] = savedPin
})

const ready = () => {
  if (setupError) throw setupError
  return cluster
}

describe('license server signing with a PKCS#11 key (SoftHSM2)', () => {
  it('publishes the HSM key in key set version 2 and the JWKS', async () => {
    const c = ready()
    const ks = await keyset(c)
    expect(ks.claims.ver).toBe(2)
    expect([...ks.keys.keys()]).toEqual([HSM_KID])
    const config = await loadKeyringConfig(c.storage)
    expect(config?.keys).toEqual([{ kid: HSM_KID, use: PURPOSES, source: expect.stringMatching(/^pkcs11:/) }])
    expect(JSON.stringify(config)).not.toMatch(/pin-value|pin-source/)
    const jwks = (await get(c.url, '/.well-known/jwks.json')).json
    expect(jwks.keys).toHaveLength(1)
    expect(jwks.keys[0]).toMatchObject({
      kid: HSM_KID,
      kty: 'OKP',
      crv: 'Ed25519',
      x: ks.keys.get(HSM_KID)?.entry.x,
    })
  })

  it('activates a device: every token of the bundle is signed in the HSM and verifies with core and jose', async () => {
    const c = ready()
    const device = new TestDevice()
    const bundle = await viaHttp(c, device)
    expect(bundle.keyset.claims.ver).toBe(2)
    for (const token of [bundle.source.lease, bundle.source.access, bundle.source.status] as string[]) {
      const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'))
      expect(header).toMatchObject({ alg: 'EdDSA', kid: HSM_KID })
    }
    expect(bundle.lease).toMatchObject({ cnf: { jkt: device.id }, aud: 'demo' })
    expect(verifyLease(bundle.source.lease, await keyset(c), nodeCrypto).jti).toBe(bundle.lease.jti)
    const jwks = createLocalJWKSet((await get(c.url, '/.well-known/jwks.json')).json)
    const { payload } = await jwtVerify(bundle.source.lease, jwks, {
      algorithms: ['EdDSA'],
      audience: 'demo',
    })
    expect(payload.jti).toBe(bundle.lease.jti)
    // Renewal and a burst of concurrent check-ins go through the one token session.
    const body = { product: 'demo', license: bundle.lease.sub }
    const renewed = await signedPost(c.url, device, '/v1/renew', body)
    expect(renewed.status, renewed.text).toBe(200)
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => signedPost(c.url, device, '/v1/status', body)),
    )
    expect(burst.map((r) => r.status)).toEqual(Array(20).fill(200))
  })

  it('refuses to start with a wrong PIN, with a clear signer error', async () => {
    ready()
    process.env[PKCS11_PIN_ENV] = '000000'
    try {
      const err = await createServer({ dataDir, logLevel: false }).then(
        async (s) => {
          await s.close()
          return undefined
        },
        (e: unknown) => e,
      )
      expect(isSignerError(err), String(err)).toBe(true)
      expect(String((err as Error).message)).toMatch(/PIN/i)
    } finally {
      process.env[PKCS11_PIN_ENV] = hsm!.pin
    }
  })
})
