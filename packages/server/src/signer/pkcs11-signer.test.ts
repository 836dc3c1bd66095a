import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generatePkcs11Key } from './pkcs11-keygen.js'
import { pkcs11js } from './pkcs11-module.js'
import { findPrivateKey, getAttribute } from './pkcs11-objects.js'
import { openTokenSession } from './pkcs11-session.js'
import { openPkcs11Signer } from './pkcs11-signer.js'
import { parsePkcs11Uri } from './pkcs11-uri.js'
import { isSignerError, type SignerErrorCode } from './signer.js'
import { type SoftHsm, setupSoftHsm } from './test-support/softhsm.js'
import { verifyBoth } from './test-support/verify.js'

const CKR_ATTRIBUTE_SENSITIVE = 0x11
let fixture: SoftHsm | undefined
let setupError: unknown
let generatedPublicKey: Uint8Array
const noEnv = {}

// A missing SoftHSM2 or EdDSA support must fail every test with the setup message, never skip them
// (a throwing beforeAll would mark the tests "skipped").
beforeAll(() => {
  try {
    fixture = setupSoftHsm()
    console.info(`PKCS#11 tests against ${fixture.version} (${fixture.modulePath})`)
  } catch (err) {
    setupError = err
  }
})
afterAll(() => fixture?.cleanup())
const hsm = new Proxy({} as SoftHsm, {
  get(_, prop) {
    if (!fixture) throw setupError ?? new Error('SoftHSM2 fixture was not set up')
    return fixture[prop as keyof SoftHsm]
  },
})

const keyUri = (object = 'lease-1', query = `pin-value=${hsm.pin}`) => hsm.uri(`object=${object}`, query)

async function expectCode(promise: Promise<unknown>, code: SignerErrorCode) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(isSignerError(err, code), `expected ${code}, got ${String(err)}`).toBe(true)
  return err as Error & { cause?: unknown }
}

describe('PKCS#11 signer (SoftHSM2)', () => {
  it('has SoftHSM2 with Ed25519 (CKM_EC_EDWARDS_KEY_PAIR_GEN, CKM_EDDSA)', () => {
    expect(hsm.version).toMatch(/\d+\.\d+/)
  })

  it('generates an Ed25519 key pair in the token', async () => {
    const key = await generatePkcs11Key(keyUri(), { env: noEnv })
    expect(key.publicKey).toHaveLength(32)
    expect(key.label).toBe('lease-1')
    expect(key.id).toHaveLength(16)
    expect(key.ecParams).toBe('oid')
    generatedPublicKey = key.publicKey
    await expectCode(generatePkcs11Key(keyUri(), { env: noEnv }), 'SIGNER_KEY_EXISTS')
  })

  it('signs; the signature verifies with node:crypto and noble', async () => {
    const signer = await openPkcs11Signer(keyUri(), { kid: 'lease-1', env: noEnv })
    try {
      expect(signer).toMatchObject({ kid: 'lease-1', alg: 'EdDSA' })
      expect(signer.publicKey).toEqual(generatedPublicKey)
      const message = new TextEncoder().encode('eyJhbGciOiJFZERTQSIsImtpZCI6ImxlYXNlLTEifQ.eyJzdWIiOiJ4In0')
      const signature = await signer.sign(message)
      expect(signature).toBeInstanceOf(Uint8Array)
      expect(signature).toHaveLength(64)
      expect(verifyBoth(signature, message, signer.publicKey)).toEqual({ node: true, noble: true })
      expect(verifyBoth(signature, randomBytes(message.length), signer.publicKey)).toEqual({
        node: false,
        noble: false,
      })
      expect(
        verifyBoth(await signer.sign(new Uint8Array(0)), new Uint8Array(0), signer.publicKey).noble,
      ).toBe(true)
    } finally {
      await signer.close()
    }
  })

  it('keeps the private key inside the token (sensitive, never extractable)', async () => {
    const uri = parsePkcs11Uri(keyUri())
    const token = openTokenSession(uri, { pin: hsm.pin, readWrite: false, mechanisms: [] })
    try {
      const key = findPrivateKey(token.lib, token.session, uri)
      const flag = (type: number) => getAttribute(token.lib, token.session, key, type)[0] !== 0
      expect(flag(pkcs11js.CKA_SENSITIVE)).toBe(true)
      expect(flag(pkcs11js.CKA_EXTRACTABLE)).toBe(false)
      expect(flag(pkcs11js.CKA_ALWAYS_SENSITIVE)).toBe(true)
      expect(flag(pkcs11js.CKA_NEVER_EXTRACTABLE)).toBe(true)
      expect(flag(pkcs11js.CKA_TOKEN)).toBe(true)
      let error: unknown
      try {
        token.lib.C_GetAttributeValue(token.session, key, [{ type: pkcs11js.CKA_VALUE }])
      } catch (err) {
        error = err
      }
      expect(error).toBeInstanceOf(pkcs11js.Pkcs11Error)
      expect((error as { code: number }).code).toBe(CKR_ATTRIBUTE_SENSITIVE)
    } finally {
      token.close()
    }
  })

  it('serializes 20 concurrent sign calls; all verify', async () => {
    const signer = await openPkcs11Signer(keyUri(), { kid: 'lease-1', env: noEnv })
    try {
      const messages = Array.from({ length: 20 }, (_, i) => randomBytes(32 + i))
      const signatures = await Promise.all(messages.map((m) => signer.sign(m)))
      signatures.forEach((signature, i) => {
        expect(verifyBoth(signature, messages[i]!, signer.publicKey)).toEqual({ node: true, noble: true })
      })
    } finally {
      await signer.close()
    }
    await expectCode(signer.sign(new Uint8Array(1)), 'SIGNER_CLOSED')
  })

  it('rejects a wrong PIN with SIGNER_PIN_INCORRECT (token and shared-login paths)', async () => {
    const wrong = await expectCode(
      openPkcs11Signer(keyUri('lease-1', 'pin-value=0000'), { kid: 'k', env: noEnv }),
      'SIGNER_PIN_INCORRECT',
    )
    expect(wrong.cause).toBeInstanceOf(pkcs11js.Pkcs11Error) // the token itself said CKR_PIN_INCORRECT
    expect((wrong.cause as { code: number }).code).toBe(pkcs11js.CKR_PIN_INCORRECT)
    expect(wrong.message).not.toContain('0000')
    const open = await openPkcs11Signer(keyUri(), { kid: 'lease-1', env: noEnv })
    try {
      // The token is logged in already: the token would accept any PIN, so the signer checks it.
      await expectCode(
        openPkcs11Signer(keyUri('lease-1', 'pin-value=0000'), { kid: 'k', env: noEnv }),
        'SIGNER_PIN_INCORRECT',
      )
    } finally {
      await open.close()
    }
  })

  it('reports a missing key, an unknown token and a bad module clearly', async () => {
    await expectCode(
      openPkcs11Signer(keyUri('no-such-key'), { kid: 'k', env: noEnv }),
      'SIGNER_KEY_NOT_FOUND',
    )
    const otherToken = `pkcs11:token=nope;object=lease-1?module-path=${hsm.modulePath}&pin-value=1234`
    await expectCode(openPkcs11Signer(otherToken, { kid: 'k', env: noEnv }), 'SIGNER_TOKEN_NOT_FOUND')
    const badModule = 'pkcs11:token=t;object=k?module-path=/nonexistent/libpkcs11.so&pin-value=1234'
    await expectCode(openPkcs11Signer(badModule, { kid: 'k', env: noEnv }), 'SIGNER_MODULE_LOAD_FAILED')
    await expectCode(openPkcs11Signer(hsm.uri('object=x'), { kid: 'k', env: noEnv }), 'SIGNER_PIN_REQUIRED')
  })

  it('selects the key by id= and takes the PIN from pin-source or TESSERA_PKCS11_PIN', async () => {
    const byId = (query?: string) => hsm.uri('id=%7e%01%02', query)
    const key = await generatePkcs11Key(byId(`pin-value=${hsm.pin}`), { env: noEnv })
    expect(key.label).toBeUndefined()
    expect(key.id).toEqual(new Uint8Array([0x7e, 1, 2]))
    const pinFile = join(process.env.SOFTHSM2_CONF!, '..', 'pin.txt')
    writeFileSync(pinFile, `${hsm.pin}\n`)
    const fromFile = await openPkcs11Signer(byId(`pin-source=file:${pinFile}`), { kid: 'by-id', env: noEnv })
    const fromEnv = await openPkcs11Signer(byId(), { kid: 'by-id', env: { TESSERA_PKCS11_PIN: hsm.pin } })
    try {
      expect(fromFile.publicKey).toEqual(key.publicKey)
      expect(fromEnv.publicKey).toEqual(key.publicKey)
      const message = randomBytes(64)
      // Two signers share the token login; closing one must not log the other out.
      await fromFile.close()
      expect(verifyBoth(await fromEnv.sign(message), message, key.publicKey)).toEqual({
        node: true,
        noble: true,
      })
    } finally {
      await fromFile.close()
      await fromEnv.close()
    }
  })

  it('reopens after every signer closed (module finalized and initialized again)', async () => {
    const signer = await openPkcs11Signer(keyUri(), { kid: 'lease-1', env: noEnv })
    const message = randomBytes(16)
    expect(verifyBoth(await signer.sign(message), message, generatedPublicKey).node).toBe(true)
    await signer.close()
    await signer.close()
  })
})
