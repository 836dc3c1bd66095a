import { execFile } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serve, TESSERA_BIN, tessera } from '../lib/run-cli.js'

let dir: string
let server: Awaited<ReturnType<typeof serve>>
let init: { adminToken: string; rootKeyFile: string; product: string; policy: string; licenseKey: string }
let admin: NodeJS.ProcessEnv

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-cli-'))
  const created = await tessera(['init', '--data', 'data', '--demo', '--json'], { cwd: dir })
  expect(created.code, created.stderr).toBe(0)
  expect(created.stderr).toContain('NOT encrypted')
  init = JSON.parse(created.stdout)
  server = await serve(['--data', 'data', '--port', '0', '--log-level', 'warn'], { cwd: dir })
  admin = { TESSERA_SERVER: server.url, TESSERA_ADMIN_TOKEN: init.adminToken }
})

afterAll(async () => {
  await server?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const json = (text: string) => JSON.parse(text) as Record<string, unknown>

describe('tessera, end to end with real processes', () => {
  it('init → serve → license create → activate → status → revoke → renew → status revoked', async () => {
    const created = await tessera(
      ['admin', 'license', 'create', '--product', 'demo', '--policy', init.policy, '--seats', '2', '--json'],
      { cwd: dir, env: admin },
    )
    expect(created.code, created.stderr).toBe(0)
    const license = json(created.stdout) as { id: string; key: string }
    expect(license.key).toMatch(/^TSR-/)

    const store = ['--store', 'device-a']
    const activated = await tessera(
      [
        'activate',
        license.key,
        '--server',
        server.url,
        '--product',
        'demo',
        '--root-key',
        init.rootKeyFile,
        ...store,
      ],
      { cwd: dir },
    )
    expect(activated.code, activated.stderr).toBe(0)
    const status = await tessera(['status', '--json', ...store], { cwd: dir })
    expect(status.code).toBe(0)
    const decision = json(status.stdout)
    expect(decision.state).toBe('active')
    expect(decision.features).toEqual(['edit', 'export', 'sync', 'view'])
    expect(typeof decision.deadline).toBe('number')
    expect(decision.reasons).toEqual([])

    const explained = await tessera(['status', '--explain', ...store], { cwd: dir })
    expect(explained.stdout).toMatch(/keyset\s+pass/)

    const revoked = await tessera(['admin', 'license', 'revoke', license.id, '--reason', 'refund'], {
      cwd: dir,
      env: admin,
    })
    expect(revoked.code, revoked.stderr).toBe(0)
    const renewed = await tessera(['renew', ...store], { cwd: dir })
    expect(renewed.code).toBe(3)
    const after = await tessera(['status', '--json', ...store], { cwd: dir })
    expect(after.code).toBe(3)
    expect(json(after.stdout).state).toBe('revoked')
    expect(json(after.stdout).features).toEqual([])
  })

  it('licenses an air-gapped machine with two files', async () => {
    const created = await tessera(
      ['admin', 'license', 'create', '--product', 'demo', '--policy', init.policy, '--json'],
      { cwd: dir, env: admin },
    )
    const { key } = json(created.stdout) as { key: string }
    const store = ['--store', 'airgapped']
    const request = await tessera(
      [
        'offline',
        'request',
        '--product',
        'demo',
        '--root-key',
        init.rootKeyFile,
        '--key',
        key,
        '--out',
        'req.tessera',
        ...store,
      ],
      { cwd: dir },
    )
    expect(request.code, request.stderr).toBe(0)
    const respond = await tessera(['admin', 'offline', 'respond', 'req.tessera', '--out', 'resp.tessera'], {
      cwd: dir,
      env: admin,
    })
    expect(respond.code, respond.stderr).toBe(0)
    const imported = await tessera(['offline', 'import', 'resp.tessera', '--json', ...store], { cwd: dir })
    expect(imported.code, imported.stderr).toBe(0)
    expect(json(imported.stdout).state).toBe('active')
    const lease = await tessera(['lease', ...store], { cwd: dir })
    expect(lease.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
  })

  it('answers bad flags, a missing store and bad input with documented exit codes', async () => {
    const unknown = await tessera(['status', '--bogus'], { cwd: dir })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/^USAGE: /)
    const noVerb = await tessera(['frobnicate'], { cwd: dir })
    expect(noVerb.code).toBe(2)
    const missing = await tessera(['status', '--store', 'nowhere'], { cwd: dir })
    expect(missing.code).toBe(4)
    expect(missing.stderr).toMatch(/^NO_STORE: /)
    const noStoreFlag = await tessera(['status'], { cwd: dir, env: { TESSERA_STORE: '' } })
    expect(noStoreFlag.code).toBe(2)
    const typo = await tessera(
      [
        'activate',
        'TSR-12345',
        '--server',
        server.url,
        '--product',
        'demo',
        '--root-key',
        init.rootKeyFile,
        '--store',
        'typo',
      ],
      { cwd: dir },
    )
    expect(typo.code).toBe(1)
    expect(typo.stderr).toMatch(/^LICENSE_KEY_MALFORMED: /)
    const noToken = await tessera(['admin', 'license', 'show', 'lic_x'], {
      cwd: dir,
      env: { TESSERA_SERVER: server.url, TESSERA_ADMIN_TOKEN: '' },
    })
    expect(noToken.code).toBe(2)
    const wrongToken = await tessera(['admin', 'license', 'show', 'lic_x'], {
      cwd: dir,
      env: { ...admin, TESSERA_ADMIN_TOKEN: 'tsa_wrong' },
    })
    expect(wrongToken.code).toBe(1)
    expect(wrongToken.stderr).toMatch(/^UNAUTHORIZED: /)
    expect(wrongToken.stderr).not.toContain('tsa_wrong')
    const again = await tessera(['init', '--data', 'data'], { cwd: dir })
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/^DATA_DIR_EXISTS: /)
    const piped = await new Promise<string>((resolve) => {
      execFile(
        'sh',
        ['-c', `"${process.execPath}" "${TESSERA_BIN}" status --explain --store device-a | head -c 5`],
        { cwd: dir },
        (_e, _out, err) => resolve(err),
      )
    })
    expect(piped).not.toContain('EPIPE')
    const help = await tessera(['activate', '--help'], { cwd: dir })
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Example:')
  })

  it('serve takes its limits from flags: the per-IP limit answers 429, bad values exit with usage', async () => {
    for (const bad of [
      ['--per-ip-limit', '0'],
      ['--per-license-limit', 'ten'],
      ['--max-in-flight', '-1'],
      ['--max-utilization', '1.5'],
    ]) {
      const refused = await tessera(['serve', '--data', 'data', '--port', '0', ...bad], { cwd: dir })
      expect(refused.code, bad.join(' ')).toBe(2)
      expect(refused.stderr).toMatch(/^USAGE: /)
    }
    const limited = await serve(
      [
        '--data',
        'data',
        '--port',
        '0',
        '--log-level',
        'warn',
        '--per-ip-limit',
        '3',
        '--max-utilization',
        '0.99',
      ],
      { cwd: dir },
    )
    try {
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${limited.url}/v1/nonce`)).status)
      expect(statuses).toEqual([200, 200, 200, 429])
      const refused = await fetch(`${limited.url}/v1/nonce`)
      expect(refused.headers.get('content-type')).toContain('application/problem+json')
      expect(((await refused.json()) as { code: string }).code).toBe('RATE_LIMITED')
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    } finally {
      await limited.stop()
    }
  })

  it('rotates keys online and through an offline root signing a key set', async () => {
    const rotated = await tessera(['keys', 'rotate', '--json'], { cwd: dir, env: admin })
    expect(rotated.code, rotated.stderr).toBe(0)
    const { privateKey } = generateKeyPairSync('ed25519')
    await writeFile(
      join(dir, 'data', 'keys', 'offline-added.pem'),
      privateKey.export({ type: 'pkcs8', format: 'pem' }),
    )
    const next = await tessera(
      ['keys', 'next-keyset', '--add-key', 'data/keys/offline-added.pem', '--out', 'next.json', '--json'],
      { cwd: dir, env: admin },
    )
    expect(next.code, next.stderr).toBe(0)
    const { kid, version } = json(next.stdout) as { kid: string; version: number }
    const signed = await tessera(
      [
        'keys',
        'sign-keyset',
        'next.json',
        '--root-key',
        'data/keys/root.pem',
        '--out',
        'next.keyset',
        '--json',
      ],
      { cwd: dir },
    )
    expect(signed.code, signed.stderr).toBe(0)
    expect(json(signed.stdout)).toEqual({ out: 'next.keyset', version })
    const imported = await tessera(
      ['keys', 'import', 'next.keyset', '--source', `${kid}=file:keys/offline-added.pem`],
      { cwd: dir, env: admin },
    )
    expect(imported.code, imported.stderr).toBe(0)
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[]
    }
    expect(jwks.keys.map((k) => k.kid)).toContain(kid)
    const created = await tessera(
      ['admin', 'license', 'create', '--product', 'demo', '--policy', init.policy, '--json'],
      { cwd: dir, env: admin },
    )
    const { key } = json(created.stdout) as { key: string }
    const activated = await tessera(
      [
        'activate',
        key,
        '--server',
        server.url,
        '--product',
        'demo',
        '--root-key',
        init.rootKeyFile,
        '--store',
        'after-rotation',
        '--json',
      ],
      { cwd: dir },
    )
    expect(activated.code, activated.stderr).toBe(0)
    const lease = await tessera(['lease', '--store', 'after-rotation'], { cwd: dir })
    const header = JSON.parse(Buffer.from(lease.stdout.split('.')[0]!, 'base64url').toString()) as {
      kid: string
    }
    expect(header.kid).toBe(kid)
  })
})
