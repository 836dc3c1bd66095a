import { hkdfSync } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultStoreDir } from './default-dir.js'
import { FileKeyVault, SECRET_FILE } from './key-vault.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-vault-'))
})
afterEach(async () => rm(dir, { recursive: true, force: true }))

describe('FileKeyVault', () => {
  it('creates a 32-byte secret with mode 0600 once, and derives per-product keys with HKDF', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => new FileKeyVault(dir).storeKey('demo')))
    for (const k of keys) expect(Buffer.from(k)).toEqual(Buffer.from(keys[0]!))
    const secret = await readFile(join(dir, SECRET_FILE))
    expect(secret).toHaveLength(32)
    expect((await stat(join(dir, SECRET_FILE))).mode & 0o777).toBe(0o600)
    const expected = hkdfSync('sha256', secret, new Uint8Array(0), 'tessera-store-v1:demo', 32)
    expect(Buffer.from(keys[0]!)).toEqual(Buffer.from(expected))
    expect(Buffer.from(await new FileKeyVault(dir).storeKey('other'))).not.toEqual(Buffer.from(keys[0]!))
    expect(await readdir(dir)).toEqual([SECRET_FILE])
  })

  it('replaces a secret of the wrong size (kept aside) and narrows loose permissions', async () => {
    await writeFile(join(dir, SECRET_FILE), 'short', { mode: 0o644 })
    const key = await new FileKeyVault(dir).storeKey('demo')
    expect(key).toHaveLength(32)
    expect((await readdir(dir)).some((n) => n.startsWith(`${SECRET_FILE}.invalid-`))).toBe(true)
    await import('node:fs/promises').then((fs) => fs.chmod(join(dir, SECRET_FILE), 0o644))
    await new FileKeyVault(dir).storeKey('demo')
    expect((await stat(join(dir, SECRET_FILE))).mode & 0o777).toBe(0o600)
  })
})

describe('default store directory', () => {
  it('follows each OS convention', () => {
    const home = '/home/ada'
    expect(defaultStoreDir('demo', { platform: 'linux', home, env: {} })).toBe(
      '/home/ada/.local/share/tessera/demo',
    )
    expect(defaultStoreDir('demo', { platform: 'linux', home, env: { XDG_DATA_HOME: '/data' } })).toBe(
      '/data/tessera/demo',
    )
    expect(defaultStoreDir('demo', { platform: 'linux', home, env: { XDG_DATA_HOME: 'rel' } })).toBe(
      '/home/ada/.local/share/tessera/demo',
    )
    expect(defaultStoreDir('demo', { platform: 'darwin', home: '/Users/ada', env: {} })).toBe(
      '/Users/ada/Library/Application Support/Tessera/demo',
    )
    expect(
      defaultStoreDir('demo', {
        platform: 'win32',
        home: 'C:\\Users\\ada',
        env: { LOCALAPPDATA: 'D:\\Local' },
      }),
    ).toBe('D:\\Local\\Tessera\\demo')
    expect(defaultStoreDir('demo', { platform: 'win32', home: 'C:\\Users\\ada', env: {} })).toBe(
      'C:\\Users\\ada\\AppData\\Local\\Tessera\\demo',
    )
  })
})
