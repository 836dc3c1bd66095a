import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolvePassphrase } from './passphrase.js'
import { isSignerError } from './signer.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-passphrase-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('resolvePassphrase', () => {
  it('reads TESSERA_KEY_PASSPHRASE', async () => {
    expect(await resolvePassphrase({ env: { TESSERA_KEY_PASSPHRASE: ' s3cret ' } })).toBe(' s3cret ')
  })

  it('reads the file named by TESSERA_KEY_PASSPHRASE_FILE, trimming trailing newlines only', async () => {
    const file = join(dir, 'pass')
    await writeFile(file, '  two words \r\n\n')
    expect(await resolvePassphrase({ env: { TESSERA_KEY_PASSPHRASE_FILE: file } })).toBe('  two words ')
  })

  it('prefers an explicit file over the environment', async () => {
    const file = join(dir, 'explicit')
    await writeFile(file, 'from-file\n')
    const env = { TESSERA_KEY_PASSPHRASE: 'from-env', TESSERA_KEY_PASSPHRASE_FILE: '/nonexistent' }
    expect(await resolvePassphrase({ env, file })).toBe('from-file')
    expect(await resolvePassphrase({ env })).toBe('from-env')
  })

  it('returns undefined when nothing is configured', async () => {
    expect(await resolvePassphrase({ env: {} })).toBeUndefined()
    expect(await resolvePassphrase({ env: { TESSERA_KEY_PASSPHRASE: '' } })).toBeUndefined()
  })

  it('fails clearly on an empty or unreadable file', async () => {
    const empty = join(dir, 'empty')
    await writeFile(empty, '\n')
    await expect(resolvePassphrase({ env: {}, file: empty })).rejects.toSatisfy((e) =>
      isSignerError(e, 'SIGNER_PASSPHRASE_REQUIRED'),
    )
    await expect(
      resolvePassphrase({ env: { TESSERA_KEY_PASSPHRASE_FILE: join(dir, 'nope') } }),
    ).rejects.toSatisfy((e) => isSignerError(e, 'SIGNER_IO_ERROR'))
  })
})
