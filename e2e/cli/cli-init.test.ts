import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serve, tessera } from '../lib/run-cli.js'

let dir: string
const PASS = 'correct horse battery staple'

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-cli-init-'))
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('tessera init and serve', { timeout: 120_000 }, () => {
  it('init --json without --demo prints the admin token and root key file only', async () => {
    const created = await tessera(['init', '--data', 'plain', '--json'], { cwd: dir })
    expect(created.code, created.stderr).toBe(0)
    const result = JSON.parse(created.stdout) as Record<string, unknown>
    expect(Object.keys(result).sort()).toEqual(['adminToken', 'rootKeyFile'])
    expect(result.adminToken).toMatch(/^tsa_/)
    expect(existsSync(join(dir, String(result.rootKeyFile)))).toBe(true)
    expect(created.stderr).toContain('NOT encrypted')
  })

  it('with a passphrase: scrypt-encrypted key files, and serve needs the same passphrase', async () => {
    const env = { TESSERA_KEY_PASSPHRASE: PASS }
    const created = await tessera(['init', '--data', 'sealed', '--json'], { cwd: dir, env })
    expect(created.code, created.stderr).toBe(0)
    expect(created.stderr).not.toContain('NOT encrypted')
    const keys = await readdir(join(dir, 'sealed', 'keys'))
    expect(keys.filter((f) => f.endsWith('.pem'))).toHaveLength(2) // root + online key
    for (const file of keys) {
      const pem = await readFile(join(dir, 'sealed', 'keys', file), 'utf8')
      const header = pem.split('\n').slice(0, 4)
      expect(header[0]).toBe('-----BEGIN TESSERA ENCRYPTED PRIVATE KEY-----')
      expect(header[1]).toBe('Version: 1')
      expect(header[2]).toMatch(/^KDF: scrypt N=32768 r=8 p=1 salt=[A-Za-z0-9+/]{22}==$/)
      expect(header[3]).toMatch(/^Cipher: aes-256-gcm iv=\S+ tag=\S+$/)
      expect(pem).not.toContain(PASS)
    }

    const args = ['serve', '--data', 'sealed', '--port', '0', '--log-level', 'warn']
    const without = await tessera(args, { cwd: dir, env: { TESSERA_KEY_PASSPHRASE: '' } })
    expect(without.code).toBe(1)
    expect(without.stderr).toMatch(/^SIGNER_PASSPHRASE_REQUIRED: /)
    const wrong = await tessera(args, { cwd: dir, env: { TESSERA_KEY_PASSPHRASE: 'wrong horse' } })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/^SIGNER_BAD_PASSPHRASE: /)
    expect(wrong.stderr).not.toContain('wrong horse')
    const server = await serve(args.slice(1), { cwd: dir, env })
    try {
      const index = await fetch(`${server.url}/v1`)
      expect(index.status).toBe(200)
    } finally {
      await server.stop()
    }

    const signArgs = [
      'keys',
      'sign-keyset',
      'claims.json',
      '--root-key',
      'sealed/keys/root.pem',
      '--out',
      'x',
    ]
    const claims = JSON.stringify({ v: 1, iss: 'tessera', ver: 2, iat: 1, exp: 2, keys: [] })
    await writeFile(join(dir, 'claims.json'), claims)
    const badSign = await tessera(signArgs, { cwd: dir, env: { TESSERA_KEY_PASSPHRASE: 'nope' } })
    expect(badSign.code).toBe(1)
    expect(badSign.stderr).toMatch(/^SIGNER_BAD_PASSPHRASE: /)
  })

  it('serve on a directory init did not create fails with DATA_DIR_MISSING and creates nothing', async () => {
    const missing = await tessera(['serve', '--data', 'not-yet', '--port', '0'], { cwd: dir })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe(
      'DATA_DIR_MISSING: not-yet does not exist: it is not a Tessera data directory; run tessera init --data not-yet first\n',
    )
    expect(existsSync(join(dir, 'not-yet'))).toBe(false)
    const init = await tessera(['init', '--data', 'not-yet'], { cwd: dir })
    expect(init.code, init.stderr).toBe(0)

    await mkdir(join(dir, 'empty'))
    const empty = await tessera(['serve', '--data', 'empty', '--port', '0'], { cwd: dir })
    expect(empty.stderr).toMatch(/^DATA_DIR_MISSING: empty has no root\.pub\.jwk/)
    expect(await readdir(join(dir, 'empty'))).toEqual([])
  })
})
