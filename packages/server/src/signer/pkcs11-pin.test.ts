import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolvePkcs11Pin } from './pkcs11-pin.js'
import { isSignerError } from './signer.js'

const base = { modulePath: '/usr/lib/softhsm/libsofthsm2.so' }
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-pin-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('resolvePkcs11Pin', () => {
  it('prefers pin-value, then pin-source, then TESSERA_PKCS11_PIN', async () => {
    const file = join(dir, 'pin')
    await writeFile(file, '4321\n')
    const env = { TESSERA_PKCS11_PIN: '9999' }
    expect(await resolvePkcs11Pin({ ...base, pinValue: '1111', pinSource: `file:${file}` }, env)).toBe('1111')
    expect(await resolvePkcs11Pin({ ...base, pinSource: `file:${file}` }, env)).toBe('4321')
    expect(await resolvePkcs11Pin({ ...base, pinSource: pathToFileURL(file).href }, env)).toBe('4321')
    expect(await resolvePkcs11Pin({ ...base, pinSource: file }, env)).toBe('4321')
    expect(await resolvePkcs11Pin(base, env)).toBe('9999')
  })

  it('fails clearly when no PIN is available or the source is unusable', async () => {
    await expect(resolvePkcs11Pin(base, {})).rejects.toSatisfy((e) => isSignerError(e, 'SIGNER_PIN_REQUIRED'))
    await expect(resolvePkcs11Pin({ ...base, pinSource: 'relative/pin' }, {})).rejects.toSatisfy((e) =>
      isSignerError(e, 'SIGNER_URI_INVALID'),
    )
    await expect(
      resolvePkcs11Pin({ ...base, pinSource: `file:${join(dir, 'missing')}` }, {}),
    ).rejects.toSatisfy((e) => isSignerError(e, 'SIGNER_IO_ERROR'))
  })
})
