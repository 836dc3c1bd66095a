import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serve, tessera } from '../lib/run-cli.js'

let dir: string
let server: Awaited<ReturnType<typeof serve>>
let init: { adminToken: string; rootKeyFile: string }
let admin: NodeJS.ProcessEnv
let policy: string

const json = <T = Record<string, unknown>>(text: string) => JSON.parse(text) as T
const run = (args: string[], env: NodeJS.ProcessEnv = admin) => tessera(args, { cwd: dir, env })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-cli-admin-'))
  const created = await tessera(['init', '--data', 'data', '--json'], { cwd: dir })
  expect(created.code, created.stderr).toBe(0)
  init = json(created.stdout)
  server = await serve(['--data', 'data', '--port', '0', '--log-level', 'warn'], { cwd: dir })
  admin = { TESSERA_SERVER: server.url, TESSERA_ADMIN_TOKEN: init.adminToken }
  const product = await run([
    'admin',
    'product',
    'create',
    '--id',
    'cad',
    '--features',
    'view,edit,export',
    '--essential',
    'view',
  ])
  expect(product.code, product.stderr).toBe(0)
  expect(product.stdout).toBe('Created product cad\n')
  const created2 = await run([
    'admin',
    'policy',
    'create',
    '--product',
    'cad',
    '--name',
    'one week',
    '--json',
  ])
  expect(created2.code, created2.stderr).toBe(0)
  policy = json<{ id: string; version: number }>(created2.stdout).id
}, 120_000)

afterAll(async () => {
  await server?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function sell(seats = 3): Promise<{ id: string; key: string }> {
  const args = ['admin', 'license', 'create', '--product', 'cad', '--policy', policy, '--seats', `${seats}`]
  const created = await run([...args, '--features', 'view,edit,export', '--json'])
  expect(created.code, created.stderr).toBe(0)
  return json(created.stdout)
}

async function activate(key: string, store: string): Promise<void> {
  const args = ['activate', key, '--product', 'cad', '--root-key', init.rootKeyFile, '--store', store]
  const activated = await run([...args, '--server', server.url], {})
  expect(activated.code, activated.stderr).toBe(0)
}

const leaseJti = async (store: string) => {
  const lease = await run(['lease', '--store', store], {})
  return json<{ jti: string }>(Buffer.from(lease.stdout.split('.')[1]!, 'base64url').toString()).jti
}

describe('tessera admin verbs against a real server', { timeout: 120_000 }, () => {
  it('policy version → rollout → rollback', async () => {
    const version = await run([
      'admin',
      'policy',
      'version',
      '--policy',
      policy,
      '--offline-days',
      '14',
      '--json',
    ])
    expect(version.code, version.stderr).toBe(0)
    expect(json(version.stdout).version).toBe(2)
    const rollout = await run([
      'admin',
      'policy',
      'rollout',
      '--policy',
      policy,
      '--version',
      '2',
      '--percent',
      '10',
    ])
    expect(rollout.code, rollout.stderr).toBe(0)
    expect(rollout.stdout).toBe(`Rolling out version 2 of ${policy} to 10% of licenses\n`)
    const bad = await run([
      'admin',
      'policy',
      'rollout',
      '--policy',
      policy,
      '--version',
      '2',
      '--percent',
      '101',
    ])
    expect(bad.code).toBe(2)
    const rollback = await run(['admin', 'policy', 'rollback', '--policy', policy, '--json'])
    expect(rollback.code, rollback.stderr).toBe(0)
    expect(json(rollback.stdout)).toBeTypeOf('object')
  })

  it('license show/list and device list: a readable table by default, JSON with --json', async () => {
    const license = await sell()
    await activate(license.key, 'show-a')
    const shown = await run(['admin', 'license', 'show', license.id])
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toMatch(new RegExp(`^license: +${license.id} \\(active\\)$`, 'm'))
    expect(shown.stdout).toMatch(/^seats: +1 of 3 in use$/m)
    expect(shown.stdout).toMatch(/^ {2}DEVICE +STATUS +ACTIVATED +LAST SEEN$/m)
    const detail = json<{ id: string; devices: { deviceId: string }[] }>(
      (await run(['admin', 'license', 'show', license.id, '--json'])).stdout,
    )
    expect(detail.id).toBe(license.id)
    const deviceId = detail.devices[0]!.deviceId
    expect(shown.stdout).toContain(`  ${deviceId}  active`)

    const devices = await run(['admin', 'device', 'list', '--license', license.id])
    expect(devices.stdout).toMatch(new RegExp(`^ {2}${deviceId} +active +\\d{4}-`, 'm'))
    const devicesJson = json<unknown[]>(
      (await run(['admin', 'device', 'list', '--license', license.id, '--json'])).stdout,
    )
    expect(devicesJson).toEqual([expect.objectContaining({ deviceId, status: 'active' })])

    const listed = await run(['admin', 'license', 'list', '--product', 'cad'])
    expect(listed.stdout).toMatch(/^ {2}ID +PRODUCT +STATUS +SEATS +EDITION +OWNER +EXPIRES$/m)
    expect(listed.stdout).toMatch(new RegExp(`^ {2}${license.id} +cad +active +3 `, 'm'))
    const listedJson = json<{ licenses: { id: string }[] }>(
      (await run(['admin', 'license', 'list', '--product', 'cad', '--json'])).stdout,
    )
    expect(listedJson.licenses.map((l) => l.id)).toContain(license.id)
  })

  it('device revoke: the device locks at its next contact and says the device was revoked', async () => {
    const license = await sell()
    await activate(license.key, 'revoked-device')
    await activate(license.key, 'other-device')
    const { devices } = json<{ devices: { deviceId: string }[] }>(
      (await run(['admin', 'license', 'show', license.id, '--json'])).stdout,
    )
    const status = async (store: string) => run(['status', '--store', store, '--json'], {})
    const first = json<{ license: { device: string } }>((await status('revoked-device')).stdout).license
      .device
    expect(devices.map((d) => d.deviceId)).toContain(first)
    const revoked = await run([
      'admin',
      'device',
      'revoke',
      '--license',
      license.id,
      '--device',
      first,
      '--reason',
      'stolen',
    ])
    expect(revoked.code, revoked.stderr).toBe(0)
    expect(revoked.stdout).toBe(`Revoked device ${first}\n`)
    const renewed = await run(['renew', '--store', 'revoked-device'], {})
    expect(renewed.code).toBe(3)
    const after = await run(['status', '--store', 'revoked-device'], {})
    expect(after.code).toBe(3)
    expect(after.stdout).toMatch(/^revoked — Device revoked\n/)
    expect((await run(['renew', '--store', 'other-device'], {})).code).toBe(0) // the license is fine
  })

  it('lease revoke JTI: that lease’s device locks at its next contact', async () => {
    const license = await sell()
    await activate(license.key, 'lease-revoked')
    const jti = await leaseJti('lease-revoked')
    const revoked = await run(['admin', 'lease', 'revoke', jti, '--reason', 'compromised'])
    expect(revoked.code, revoked.stderr).toBe(0)
    expect(revoked.stdout).toBe(`Revoked lease ${jti}\n`)
    const again = await run(['admin', 'lease', 'revoke', jti, '--json'])
    expect(again.code, again.stderr).toBe(0) // idempotent
    expect(json(again.stdout)).toBeTypeOf('object')
    const unknown = await run(['admin', 'lease', 'revoke', 'lea_nope'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toBe('NOT_FOUND: no such lease\n')
    expect((await run(['renew', '--store', 'lease-revoked'], {})).code).toBe(3)
    expect(json((await run(['status', '--store', 'lease-revoked', '--json'], {})).stdout).state).toBe(
      'revoked',
    )
  })

  it('deactivate gives the seat back; privacy says what is stored and sent', async () => {
    const license = await sell(1)
    await activate(license.key, 'leaving')
    const privacy = await run(['privacy', '--store', 'leaving'], {})
    expect(privacy.code, privacy.stderr).toBe(0)
    expect(privacy.stdout.length).toBeGreaterThan(40)
    const report = json((await run(['privacy', '--store', 'leaving', '--json'], {})).stdout)
    expect(privacy.stdout).toBe(`${report.text}\n`)
    const gone = await run(['deactivate', '--store', 'leaving'], {})
    expect(gone.code, gone.stderr).toBe(0)
    expect(gone.stdout).toMatch(/^Deactivated\. The seat is free; receipt \S+\.\n$/)
    await activate(license.key, 'arriving') // the only seat is free again
    const shown = json<{ seatsInUse: number }>(
      (await run(['admin', 'license', 'show', license.id, '--json'])).stdout,
    )
    expect(shown.seatsInUse).toBe(1)
  })

  it('a byte-flipped license file: limited with the product’s essential features, and says so', async () => {
    const license = await sell()
    await activate(license.key, 'flipped')
    const path = join(dir, 'flipped', 'license.tsr')
    const bytes = await readFile(path)
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff
    await writeFile(path, bytes)
    const status = await run(['status', '--store', 'flipped'], {})
    expect(status.code).toBe(3)
    expect(status.stdout).toContain('only essential features are on')
    expect(status.stdout).toContain('features: view\n')
    const decision = json((await run(['status', '--store', 'flipped', '--json'], {})).stdout)
    expect(decision).toMatchObject({ state: 'limited', features: ['view'] })
    expect(decision.reasons).toContain('STORE_CORRUPT')
  })

  it('audit verify: the chain of every change above is intact', async () => {
    const verified = await run(['admin', 'audit', 'verify'])
    expect(verified.code, verified.stderr).toBe(0)
    expect(verified.stdout).toMatch(/^ok: \d+ audit rows, chain intact\n$/)
    expect(json((await run(['admin', 'audit', 'verify', '--json'])).stdout).ok).toBe(true)
  })

  it('offline request --json names the file it wrote', async () => {
    const license = await sell()
    const args = [
      'offline',
      'request',
      '--product',
      'cad',
      '--root-key',
      init.rootKeyFile,
      '--key',
      license.key,
    ]
    const request = await run([...args, '--out', 'req.tessera', '--store', 'airgap', '--json'], {})
    expect(request.code, request.stderr).toBe(0)
    expect(json(request.stdout)).toEqual({ out: 'req.tessera', kind: 'activation' })
    const respond = await run(['admin', 'offline', 'respond', 'req.tessera', '--out', 'resp.tessera'])
    expect(respond.code, respond.stderr).toBe(0)
  })

  it('keys rotate twice in a row: the key in between keeps a window of the documented overlap', async () => {
    const first = await run(['keys', 'rotate', '--json'])
    expect(first.code, first.stderr).toBe(0)
    const second = await run(['keys', 'rotate', '--json'])
    expect(second.code, second.stderr).toBe(0)
    const middle = json<{ kid: string }>(first.stdout).kid
    const keys = json<{ kid: string; keys: { kid: string; nbf: number; exp: number }[] }>(second.stdout)
    const between = keys.keys.find((k) => k.kid === middle)!
    expect(between.exp - between.nbf).toBeGreaterThanOrEqual(300)
    const license = await sell()
    await activate(license.key, 'after-two-rotations')
    const lease = await run(['lease', '--store', 'after-two-rotations'], {})
    const header = json<{ kid: string }>(Buffer.from(lease.stdout.split('.')[0]!, 'base64url').toString())
    expect(header.kid).toBe(keys.kid)
  })
})
