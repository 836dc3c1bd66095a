import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateFileKey, openFileSigner } from './file-signer.js'
import { openPrivateKey, parseEnvelope, sealPrivateKey } from './key-envelope.js'
import { isSignerError, type SignerErrorCode } from './signer.js'
import { verifyBoth } from './test-support/verify.js'

const PASS = 'correct horse battery staple'
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-file-signer-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const keyPath = (name: string) => join(dir, name)

async function expectCode(promise: Promise<unknown>, code: SignerErrorCode) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(isSignerError(err, code), `expected ${code}, got ${String(err)}`).toBe(true)
  return err as Error
}

describe('file signer', () => {
  it('generates an encrypted key that signs verifiably (node:crypto and noble)', async () => {
    const path = keyPath('lease-1.pem')
    const generated = await generateFileKey(path, { passphrase: PASS })
    expect(generated.encrypted).toBe(true)
    expect(generated.publicKey).toHaveLength(32)
    const signer = await openFileSigner(path, { kid: 'lease-1', passphrase: PASS })
    expect(signer).toMatchObject({ kid: 'lease-1', alg: 'EdDSA', encrypted: true })
    expect(signer.publicKey).toEqual(generated.publicKey)
    const message = new TextEncoder().encode('eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0')
    const signature = await signer.sign(message)
    expect(signature).toBeInstanceOf(Uint8Array)
    expect(signature).toHaveLength(64)
    expect(verifyBoth(signature, message, signer.publicKey)).toEqual({ node: true, noble: true })
    const tampered = Uint8Array.from(message)
    tampered[0]! ^= 1
    expect(verifyBoth(signature, tampered, signer.publicKey)).toEqual({ node: false, noble: false })
    await signer.close()
    await expectCode(signer.sign(message), 'SIGNER_CLOSED')
  })

  it('really encrypts the file and writes it with mode 0600', async () => {
    const path = keyPath('enc.pem')
    await generateFileKey(path, { passphrase: PASS })
    const pem = await readFile(path, 'utf8')
    expect(pem.startsWith('-----BEGIN TESSERA ENCRYPTED PRIVATE KEY-----\nVersion: 1\n')).toBe(true)
    const envelope = parseEnvelope(pem)
    expect(envelope.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 15, r: 8, p: 1 })
    expect(envelope.kdf.salt).toHaveLength(16)
    expect(envelope.cipher.name).toBe('aes-256-gcm')
    expect([envelope.cipher.iv.length, envelope.cipher.tag.length]).toEqual([12, 16])
    const der = await openPrivateKey(pem, PASS)
    const jwk = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' })
    const secret = Buffer.from(jwk.d!, 'base64url')
    expect(envelope.ciphertext.includes(secret)).toBe(false)
    expect(pem.includes(jwk.d!)).toBe(false)
    expect(pem.includes(secret.toString('base64').slice(0, 16))).toBe(false)
    expect(pem).not.toContain(PASS)
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('writes an unencrypted key without a passphrase and says so', async () => {
    const path = keyPath('plain.pem')
    const generated = await generateFileKey(path)
    expect(generated.encrypted).toBe(false)
    expect(await readFile(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/)
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    const signer = await openFileSigner(path, { kid: 'k' })
    expect(signer.encrypted).toBe(false)
    const message = randomBytes(100)
    expect(verifyBoth(await signer.sign(message), message, generated.publicKey)).toEqual({
      node: true,
      noble: true,
    })
  })

  it('refuses to overwrite an existing file', async () => {
    const path = keyPath('existing.pem')
    await writeFile(path, 'precious')
    await expectCode(generateFileKey(path, { passphrase: PASS }), 'SIGNER_FILE_EXISTS')
    expect(await readFile(path, 'utf8')).toBe('precious')
    const generated = keyPath('generated-twice.pem')
    await generateFileKey(generated, { passphrase: PASS })
    const before = await readFile(generated, 'utf8')
    await expectCode(generateFileKey(generated, { passphrase: 'other' }), 'SIGNER_FILE_EXISTS')
    expect(await readFile(generated, 'utf8')).toBe(before)
  })

  it('rejects a wrong passphrase with SIGNER_BAD_PASSPHRASE, never echoing it', async () => {
    const path = keyPath('wrong-pass.pem')
    await generateFileKey(path, { passphrase: PASS })
    // AES-GCM authenticates: every wrong passphrase fails the tag (CBC let ~1/256 through the padding).
    for (let i = 0; i < 8; i++) {
      const wrong = `wrong-${i}-${randomBytes(4).toString('hex')}`
      const err = await expectCode(
        openFileSigner(path, { kid: 'k', passphrase: wrong }),
        'SIGNER_BAD_PASSPHRASE',
      )
      expect(err.message).not.toContain(wrong)
    }
  })

  it('asks for a passphrase when the file is encrypted and none is given', async () => {
    const path = keyPath('needs-pass.pem')
    await generateFileKey(path, { passphrase: PASS })
    await expectCode(openFileSigner(path, { kid: 'k' }), 'SIGNER_PASSPHRASE_REQUIRED')
    await expectCode(openFileSigner(path, { kid: 'k', passphrase: '' }), 'SIGNER_PASSPHRASE_REQUIRED')
  })

  it('rejects garbage and truncated files with SIGNER_FILE_INVALID', async () => {
    const cases = {
      'garbage.pem': 'this is not a key\n',
      'empty.pem': '',
      'bad-der.pem': '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
      'bad-enc.pem':
        '-----BEGIN TESSERA ENCRYPTED PRIVATE KEY-----\nVersion: 1\nMAMCAQA=\n-----END TESSERA ENCRYPTED PRIVATE KEY-----\n',
      'greedy.pem': (await readFile(keyPath('enc.pem'), 'utf8')).replace('N=32768', `N=${2 ** 24}`),
      'public.pem': generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }),
    }
    for (const [name, content] of Object.entries(cases)) {
      await writeFile(keyPath(name), content)
      await expectCode(openFileSigner(keyPath(name), { kid: 'k', passphrase: PASS }), 'SIGNER_FILE_INVALID')
    }
    const good = keyPath('to-truncate.pem')
    await generateFileKey(good, { passphrase: PASS })
    const pem = await readFile(good, 'utf8')
    const lines = pem.split('\n')
    await writeFile(keyPath('truncated.pem'), [...lines.slice(0, 2), ...lines.slice(-2)].join('\n'))
    await expectCode(
      openFileSigner(keyPath('truncated.pem'), { kid: 'k', passphrase: PASS }),
      'SIGNER_FILE_INVALID',
    )
    await expectCode(openFileSigner(keyPath('absent.pem'), { kid: 'k' }), 'SIGNER_KEY_NOT_FOUND')
  })

  it('rejects non-Ed25519 keys with SIGNER_UNSUPPORTED_KEY', async () => {
    const keys = {
      'rsa.pem': generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
      'p256.pem': generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
      'x25519.pem': generateKeyPairSync('x25519').privateKey,
    }
    for (const [name, key] of Object.entries(keys)) {
      await writeFile(keyPath(name), await sealPrivateKey(key.export({ type: 'pkcs8', format: 'der' }), PASS))
      await expectCode(
        openFileSigner(keyPath(name), { kid: 'k', passphrase: PASS }),
        'SIGNER_UNSUPPORTED_KEY',
      )
    }
    const sec1 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'sec1',
      format: 'pem',
    })
    await writeFile(keyPath('sec1.pem'), sec1)
    await expectCode(openFileSigner(keyPath('sec1.pem'), { kid: 'k' }), 'SIGNER_UNSUPPORTED_KEY')
  })

  it('refuses PBES2-encrypted PKCS#8 (2048 PBKDF2 iterations) and an altered envelope', async () => {
    const legacy = generateKeyPairSync('ed25519').privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: PASS,
    })
    await writeFile(keyPath('legacy.pem'), legacy)
    await expectCode(
      openFileSigner(keyPath('legacy.pem'), { kid: 'k', passphrase: PASS }),
      'SIGNER_UNSUPPORTED_KEY',
    )
    const path = keyPath('to-alter.pem')
    await generateFileKey(path, { passphrase: PASS })
    const pem = await readFile(path, 'utf8')
    const salt = /salt=(\S+)/.exec(pem)![1]!
    const otherSalt = Buffer.from(Buffer.from(salt, 'base64').map((b) => b ^ 1)).toString('base64')
    await writeFile(keyPath('altered.pem'), pem.replace(salt, otherSalt))
    await expectCode(
      openFileSigner(keyPath('altered.pem'), { kid: 'k', passphrase: PASS }),
      'SIGNER_BAD_PASSPHRASE',
    )
  })
})
