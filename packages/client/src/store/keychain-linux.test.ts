// The Secret Service vault against a real GNOME Keyring: each step runs the client in its own
// process inside `dbus-run-session`, with the keyring (in a temporary HOME) unlocked by
// `gnome-keyring-daemon --unlock`; "no D-Bus session" is the same process without the wrapper.
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRODUCT } from '../../../core/src/test-support/factory.js'
import type { ChildPlan } from '../test-support/host-child.js'
import { buildHostChild, childArgs, type Ran, reportOf, run } from '../test-support/run-host-child.js'
import { KEY_STORAGE_FILE } from './key-storage.js'
import { SECRET_FILE } from './key-vault.js'
import { storeTag } from './keychain-vault.js'
import { LICENSE_FILE } from './records.js'
import { SealedStore } from './sealed-store.js'

const TOOLS = ['secret-tool', 'gnome-keyring-daemon', 'dbus-run-session']
const UNLOCK =
  'eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null; exec "$@"'

let work: string
let child: string
let env: NodeJS.ProcessEnv
let n = 0

function installed(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const ready = process.platform === 'linux' && TOOLS.every(installed)

/** `file args` in a fresh D-Bus session with the test keyring unlocked. */
const inSession = (file: string, args: readonly string[], input = ''): Promise<Ran> =>
  run('dbus-run-session', ['--', 'sh', '-c', UNLOCK, 'session', file, ...args], env, input)
/** The client in its own process, with or without a D-Bus session. */
const client = async (plan: ChildPlan, session = true) => {
  const args = childArgs(child, plan)
  return reportOf(session ? await inSession(process.execPath, args) : await run(process.execPath, args, env))
}
const attributes = (dir: string) => ['service', 'tessera', 'product', PRODUCT, 'store', storeTag(dir)]
const lookup = (dir: string) => inSession('secret-tool', ['lookup', ...attributes(dir)])
const newDir = () => join(work, `store-${++n}`)

beforeAll(async () => {
  if (!ready) return
  work = await mkdtemp(join(tmpdir(), 'tessera-keyring-'))
  child = await buildHostChild(work)
  // a clean environment: no D-Bus address, no display; the keyring lives in this HOME
  env = { PATH: process.env.PATH, HOME: join(work, 'home'), LANG: 'C.UTF-8' }
  await mkdir(env.HOME!, { mode: 0o700 })
})
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe.runIf(process.platform === 'linux')(
  'the Linux keychain, for real (GNOME Keyring over D-Bus)',
  () => {
    it('has secret-tool, gnome-keyring and dbus installed (.ci/run installs them)', () => {
      expect(TOOLS.filter((tool) => !installed(tool))).toEqual([])
    })

    it.runIf(ready)(
      'keychain: the key lives in the keyring, works across processes, no device.secret',
      async () => {
        const dir = newDir()
        const first = await client({ dir, keyStorage: 'keychain', activate: true })
        expect(first).toMatchObject({ state: 'active', activateError: null })
        expect(first.keyStorage).toMatchObject({ kind: 'secret-service', problem: null, readOnly: false })
        expect(first.privacy).toContain('desktop keyring (Secret Service)')
        expect(first.files).toContain(KEY_STORAGE_FILE)
        expect(first.files).not.toContain(SECRET_FILE)
        const again = await client({ dir, keyStorage: 'keychain' })
        expect(again).toMatchObject({ state: 'active', reasons: [] })
        expect(again.files).not.toContain(SECRET_FILE)
        // secret-tool finds the entry, and it is the key the store is sealed with
        const found = await lookup(dir)
        expect(found.code).toBe(0)
        expect(found.stdout.trim()).toMatch(/^[\w-]{43}$/)
        const key = Buffer.from(found.stdout.trim(), 'base64url')
        expect((await new SealedStore(dir, PRODUCT, key).read(LICENSE_FILE)).status).toBe('ok')
        expect(JSON.parse(await readFile(join(dir, KEY_STORAGE_FILE), 'utf8')).kind).toBe('secret-service')
      },
    )

    it.runIf(ready)(
      'auto without a D-Bus session falls back to the file; the store keeps it later',
      async () => {
        const dir = newDir()
        const alone = await client({ dir, keyStorage: 'auto', activate: true }, false)
        expect(alone).toMatchObject({ state: 'active', keyStorage: { kind: 'file', problem: null } })
        expect(alone.files).toContain(SECRET_FILE)
        // migration: a keyring is there now; the store stays on its file key and keeps working
        const later = await client({ dir, keyStorage: 'auto' })
        expect(later).toMatchObject({ state: 'active', keyStorage: { kind: 'file', problem: null } })
        expect((await lookup(dir)).stdout).toBe('')
        // and auto with a session, on a new store, picks the keyring
        const fresh = await client({ dir: newDir(), keyStorage: 'auto' })
        expect(fresh.keyStorage).toMatchObject({ kind: 'secret-service' })
      },
    )

    it.runIf(ready)(
      'a keyring store opened without D-Bus is read-only: limited, nothing replaced',
      async () => {
        const dir = newDir()
        await client({ dir, keyStorage: 'keychain', activate: true })
        const before = (await lookup(dir)).stdout
        const away = await client({ dir, keyStorage: 'auto', activate: true }, false)
        expect(away).toMatchObject({ state: 'limited', reasons: ['STORE_CORRUPT'] })
        expect(away.keyStorage).toMatchObject({
          kind: 'secret-service',
          problem: 'unavailable',
          readOnly: true,
        })
        expect(away.activateError).toBe('STORE_UNAVAILABLE') // no seat spent on a throwaway device key
        expect(away.files).not.toContain(SECRET_FILE)
        expect((await lookup(dir)).stdout).toBe(before)
        expect(await client({ dir, keyStorage: 'auto' })).toMatchObject({ state: 'active', reasons: [] })
      },
    )

    it.runIf(ready)(
      'an entry that is gone: read-only until activate() makes a key; a corrupt one is replaced',
      { timeout: 90_000 },
      async () => {
        const dir = newDir()
        await client({ dir, keyStorage: 'keychain', activate: true })
        expect((await inSession('secret-tool', ['clear', ...attributes(dir)])).code).toBe(0)
        // absent looks like locked: read-only and nothing made until the user activates
        const lost = await client({ dir, keyStorage: 'keychain' })
        expect(lost).toMatchObject({ state: 'limited', reasons: ['STORE_CORRUPT'] })
        expect(lost.keyStorage).toMatchObject({ problem: 'missing', readOnly: true })
        expect((await lookup(dir)).code).toBe(1)
        const refetched = await client({ dir, keyStorage: 'keychain', activate: true })
        expect(refetched).toMatchObject({ state: 'active', activateError: null })
        expect(await client({ dir, keyStorage: 'keychain' })).toMatchObject({
          state: 'active',
          keyStorage: { problem: null, lastReplaced: { problem: 'missing' } },
        })
        const label = '--label=damaged'
        expect((await inSession('secret-tool', ['store', label, ...attributes(dir)], 'not a key')).code).toBe(
          0,
        )
        const corrupt = await client({ dir, keyStorage: 'keychain' })
        expect(corrupt).toMatchObject({
          state: 'limited',
          keyStorage: { problem: 'corrupt', readOnly: false },
        })
        expect((await lookup(dir)).stdout.trim()).toMatch(/^[\w-]{43}$/)
      },
    )
  },
)
