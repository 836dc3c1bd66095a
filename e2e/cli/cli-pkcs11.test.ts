import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SoftHsm, setupSoftHsm } from '../../packages/server/src/signer/test-support/softhsm.js'
import { serve, tessera } from '../lib/run-cli.js'

/**
 * PKCS#11 through the CLI with a private SoftHSM2 token: the token's config reaches every child
 * process through SOFTHSM2_CONF, which setupSoftHsm sets in this process's environment.
 */
let dir: string
let hsm: SoftHsm
let pin: NodeJS.ProcessEnv

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-cli-pkcs11-'))
  hsm = setupSoftHsm('tessera-cli')
  pin = { TESSERA_PKCS11_PIN: hsm.pin }
})

afterAll(async () => {
  hsm?.cleanup()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const json = <T = Record<string, unknown>>(text: string) => JSON.parse(text) as T
const leaseKid = async (store: string) => {
  const lease = await tessera(['lease', '--store', store], { cwd: dir })
  return json<{ kid: string }>(Buffer.from(lease.stdout.split('.')[0]!, 'base64url').toString()).kid
}

async function generate(label: string): Promise<{ kid: string; uri: string }> {
  const made = await tessera(
    ['keys', 'pkcs11-generate', '--uri', hsm.uri('').replace(/;\?/, '?'), '--label', label, '--json'],
    {
      cwd: dir,
      env: pin,
    },
  )
  expect(made.code, made.stderr).toBe(0)
  expect(made.stdout).not.toContain(hsm.pin)
  const result = json<{ kid: string; uri: string; publicJwk: { kty: string; crv: string } }>(made.stdout)
  expect(result.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' })
  expect(result.uri).toContain(`object=${label}`)
  return result
}

type Init = { adminToken: string; rootKeyFile: string; licenseKey: string }

/** Activates a new device with the demo license of `init` against `serverUrl`. */
async function activateWith(init: Init, serverUrl: string, store: string) {
  const activated = await tessera(
    [
      'activate',
      init.licenseKey,
      '--server',
      serverUrl,
      '--product',
      'demo',
      '--root-key',
      init.rootKeyFile,
      '--store',
      store,
    ],
    { cwd: dir },
  )
  expect(activated.code, activated.stderr).toBe(0)
}

describe('tessera with an HSM (SoftHSM2)', { timeout: 120_000 }, () => {
  it('keys pkcs11-generate makes a key once, and needs a PIN', async () => {
    const uri = hsm.uri('object=once')
    const noPin = await tessera(['keys', 'pkcs11-generate', '--uri', uri], {
      cwd: dir,
      env: { TESSERA_PKCS11_PIN: '' },
    })
    expect(noPin.code).toBe(1)
    expect(noPin.stderr).toMatch(/^SIGNER_PIN_REQUIRED: /)
    const made = await tessera(['keys', 'pkcs11-generate', '--uri', uri], { cwd: dir, env: pin })
    expect(made.code, made.stderr).toBe(0)
    expect(made.stdout).toMatch(/^Created Ed25519 key \S{8} in the HSM/)
    expect(made.stdout).not.toContain(hsm.pin)
    const twice = await tessera(['keys', 'pkcs11-generate', '--uri', uri], { cwd: dir, env: pin })
    expect(twice.code).toBe(1)
    expect(twice.stderr).toMatch(/^SIGNER_KEY_EXISTS: /)
  })

  it('next-keyset --add-pkcs11 → sign-keyset → import --source: new leases are signed in the HSM', async () => {
    const created = await tessera(['init', '--data', 'data', '--demo', '--json'], { cwd: dir })
    expect(created.code, created.stderr).toBe(0)
    const init = json<Init>(created.stdout)
    const server = await serve(['--data', 'data', '--port', '0', '--log-level', 'warn'], {
      cwd: dir,
      env: pin,
    })
    try {
      const key = await generate('lease-hsm')
      const env = { TESSERA_SERVER: server.url, TESSERA_ADMIN_TOKEN: init.adminToken, ...pin }
      const next = await tessera(
        ['keys', 'next-keyset', '--add-pkcs11', key.uri, '--out', 'next.json', '--json'],
        {
          cwd: dir,
          env,
        },
      )
      expect(next.code, next.stderr).toBe(0)
      expect(json<{ kid: string }>(next.stdout).kid).toBe(key.kid)
      const signed = await tessera(
        ['keys', 'sign-keyset', 'next.json', '--root-key', 'data/keys/root.pem', '--out', 'next.keyset'],
        { cwd: dir },
      )
      expect(signed.code, signed.stderr).toBe(0)
      const imported = await tessera(['keys', 'import', 'next.keyset', '--source', `${key.kid}=${key.uri}`], {
        cwd: dir,
        env,
      })
      expect(imported.code, imported.stderr).toBe(0)
      await activateWith(init, server.url, 'hsm-device')
      expect(await leaseKid('hsm-device')).toBe(key.kid)
    } finally {
      await server.stop()
    }
  })

  it('init --pkcs11 signs with an HSM key from the start; serve needs TESSERA_PKCS11_PIN', async () => {
    const key = await generate('init-key')
    const created = await tessera(['init', '--data', 'hsm-data', '--demo', '--pkcs11', key.uri, '--json'], {
      cwd: dir,
      env: pin,
    })
    expect(created.code, created.stderr).toBe(0)
    const init = json<Init>(created.stdout)
    const args = ['--data', 'hsm-data', '--port', '0', '--log-level', 'warn']
    const noPin = await tessera(['serve', ...args], { cwd: dir, env: { TESSERA_PKCS11_PIN: '' } })
    expect(noPin.code).toBe(1)
    expect(noPin.stderr).toMatch(/^SIGNER_PIN_REQUIRED: .*TESSERA_PKCS11_PIN/)
    const server = await serve(args, { cwd: dir, env: pin })
    try {
      await activateWith(init, server.url, 'init-hsm-device')
      expect(await leaseKid('init-hsm-device')).toBe(key.kid)
    } finally {
      await server.stop()
    }
  })
})
