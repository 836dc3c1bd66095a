import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CommandResult, RunCommand } from '../platform/run-command.js'
import { DPAPI_FILE, DpapiVault } from './dpapi-vault.js'
import { KeychainUnavailableError, KeyDamagedError } from './key-vault.js'
import { storeTag } from './keychain-vault.js'
import { MacKeychainVault } from './macos-keychain-vault.js'
import { SecretServiceVault } from './secret-service-vault.js'

interface Call {
  file: string
  args: readonly string[]
  input: string
  timeoutMs: number
}

/** A scripted tool: records every call and answers with `answer(call)`. */
function tool(answer: (call: Call) => Partial<CommandResult>): { run: RunCommand; calls: Call[] } {
  const calls: Call[] = []
  const run: RunCommand = async (file, args, options = {}) => {
    const call = { file, args, input: options.input ?? '', timeoutMs: options.timeoutMs ?? 0 }
    calls.push(call)
    return { code: 0, stdout: '', stderr: '', failure: null, ...answer(call) }
  }
  return { run, calls }
}

const KEY_TEXT = Buffer.alloc(32, 7).toString('base64url')

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'resolved'
  } catch (err) {
    if (err instanceof KeychainUnavailableError) return `unavailable:${err.reason}`
    if (err instanceof KeyDamagedError) return `damaged:${err.damage}`
    throw err
  }
}

/** No call ever carries the key in its arguments: only stdin. */
function expectKeyOnlyOnStdin(calls: Call[], text: string): void {
  for (const call of calls) for (const arg of call.args) expect(arg).not.toContain(text)
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-keychain-'))
})
afterEach(async () => rm(dir, { recursive: true, force: true }))

describe('Secret Service (secret-tool)', () => {
  const attrs = () => ['service', 'tessera', 'product', 'demo', 'store', storeTag(dir)]

  it('looks the key up by service, product and store; a missing item is null', async () => {
    const found = tool(() => ({ stdout: KEY_TEXT }))
    const vault = new SecretServiceVault(dir, { run: found.run, timeoutMs: 1234 })
    expect(Buffer.from((await vault.load('demo'))!).toString('base64url')).toBe(KEY_TEXT)
    expect(found.calls).toEqual([
      { file: 'secret-tool', args: ['lookup', ...attrs()], input: '', timeoutMs: 1234 },
    ])
    const none = tool(() => ({ code: 1 }))
    expect(await new SecretServiceVault(dir, { run: none.run }).load('demo')).toBeNull()
  })

  it('stores a new key through stdin only, then reads it back', async () => {
    let stored = ''
    const fake = tool((call) => {
      if (call.args[0] === 'store') stored = call.input
      return call.args[0] === 'lookup' ? { stdout: stored } : {}
    })
    const key = await new SecretServiceVault(dir, { run: fake.run }).create('demo')
    expect(Buffer.from(key).toString('base64url')).toBe(stored)
    expect(fake.calls[0]!.args).toEqual(['store', '--label=Tessera store key (demo)', ...attrs()])
    expectKeyOnlyOnStdin(fake.calls, stored)
  })

  it('tells an unreachable keyring (no D-Bus, locked, missing tool, timeout) from a damaged entry', async () => {
    const cases: [Partial<CommandResult>, string][] = [
      [
        { code: 1, stderr: 'secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY\n' },
        'unavailable:no-session',
      ],
      [
        { code: 1, stderr: 'secret-tool: Cannot create an item in a locked collection\n' },
        'unavailable:locked',
      ],
      [{ code: null, failure: 'missing' }, 'unavailable:missing-tool'],
      [{ code: null, failure: 'timeout' }, 'unavailable:timeout'],
      [{ code: 0, stdout: 'hunter2' }, 'damaged:corrupt'],
    ]
    for (const [answer, expected] of cases) {
      const vault = new SecretServiceVault(dir, { run: tool(() => answer).run })
      expect(await reason(vault.load('demo'))).toBe(expected)
    }
    const lockedStore = tool((c) => (c.args[0] === 'lookup' ? { code: 1 } : { code: 1, stderr: 'is locked' }))
    expect(await reason(new SecretServiceVault(dir, { run: lockedStore.run }).create('demo'))).toBe(
      'unavailable:locked',
    )
  })

  it('a keyring that accepted the key but does not give it back is unavailable, not trusted', async () => {
    const forgetful = tool((c) => (c.args[0] === 'lookup' ? { code: 1 } : {}))
    expect(await reason(new SecretServiceVault(dir, { run: forgetful.run }).create('demo'))).toBe(
      'unavailable:failed',
    )
  })
})

describe('macOS Keychain (/usr/bin/security)', () => {
  const account = () => `demo:${storeTag(dir)}`

  it('reads with find-generic-password -w; 44 is "no such item", 36 and 51 a locked keychain', async () => {
    const found = tool(() => ({ stdout: `${KEY_TEXT}\n` }))
    expect(await new MacKeychainVault(dir, { run: found.run }).load('demo')).toHaveLength(32)
    expect(found.calls[0]).toMatchObject({
      file: '/usr/bin/security',
      args: ['find-generic-password', '-s', 'tessera', '-a', account(), '-w'],
      input: '',
    })
    const answers: [Partial<CommandResult>, string][] = [
      [
        { code: 44, stderr: 'security: SecKeychainSearchCopyNext: The specified item could not be found' },
        'resolved',
      ],
      [{ code: 36, stderr: 'User interaction is not allowed.' }, 'unavailable:locked'],
      [{ code: 51 }, 'unavailable:locked'],
      [{ code: null, failure: 'missing' }, 'unavailable:missing-tool'],
      [{ code: 0, stdout: '6869' }, 'damaged:corrupt'],
    ]
    for (const [answer, expected] of answers) {
      expect(await reason(new MacKeychainVault(dir, { run: tool(() => answer).run }).load('demo'))).toBe(
        expected,
      )
    }
  })

  it('writes with `security -i`: the add-generic-password command, key included, goes to stdin', async () => {
    let password = ''
    const fake = tool((call) => {
      if (call.args[0] === '-i') {
        const words = call.input.trim().split(/\s+/)
        expect(words.slice(0, -1)).toEqual([
          'add-generic-password',
          '-U',
          '-s',
          'tessera',
          '-a',
          account(),
          '-l',
          'tessera-store-key',
          '-w',
        ])
        password = words.at(-1)!
        return {}
      }
      return password ? { stdout: password } : { code: 44 }
    })
    const key = await new MacKeychainVault(dir, { run: fake.run }).create('demo')
    expect(Buffer.from(key).toString('base64url')).toBe(password)
    expect(fake.calls.map((c) => c.args[0])).toEqual(['-i', 'find-generic-password'])
    expectKeyOnlyOnStdin(fake.calls, password)
  })
})

describe('Windows DPAPI (PowerShell ProtectedData, CurrentUser)', () => {
  /** Stands in for DPAPI: "protects" by prefixing and base64-encoding; refuses foreign blobs with exit 3. */
  const dpapi = () =>
    tool((call) => {
      const script = call.args.at(-1)!
      if (script.includes('::Protect('))
        return { stdout: Buffer.from(`dpapi:${call.input}`).toString('base64') }
      const plain = Buffer.from(call.input, 'base64').toString()
      return plain.startsWith('dpapi:') ? { stdout: plain.slice(6) } : { code: 3 }
    })

  it('protects a new key (stdin to stdout) and keeps the blob in the store directory', async () => {
    const fake = dpapi()
    const vault = new DpapiVault(dir, { run: fake.run, tool: 'powershell.exe' })
    const key = await vault.create('demo')
    const blob = await readFile(join(dir, DPAPI_FILE), 'latin1')
    expect(Buffer.from(blob, 'base64').toString()).toBe(`dpapi:${Buffer.from(key).toString('base64url')}`)
    expect(Buffer.from((await vault.load('demo'))!)).toEqual(Buffer.from(key))
    const [protect, unprotect] = fake.calls
    expect(protect!.args.slice(0, 4)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-Command'])
    expect(protect!.args[4]).toContain("GetBytes('tessera-store-v1:demo')")
    expect(protect!.args[4]).toContain('DataProtectionScope]::CurrentUser')
    expect(unprotect!.args[4]).toContain('ProtectedData]::Unprotect(')
    expect(unprotect!.input).toBe(blob)
    expectKeyOnlyOnStdin(fake.calls, Buffer.from(key).toString('base64url'))
  })

  it('a blob that does not decrypt, or is not base64, is corrupt; it is set aside when replaced', async () => {
    await writeFile(join(dir, DPAPI_FILE), Buffer.from('someone else').toString('base64'))
    const vault = new DpapiVault(dir, { run: dpapi().run })
    expect(await reason(vault.load('demo'))).toBe('damaged:corrupt')
    await writeFile(join(dir, DPAPI_FILE), '%%%')
    const calls = dpapi()
    expect(await reason(new DpapiVault(dir, { run: calls.run }).load('demo'))).toBe('damaged:corrupt')
    expect(calls.calls).toHaveLength(0)
    await vault.create('demo')
    expect((await readdir(dir)).some((n) => n.startsWith(`${DPAPI_FILE}.invalid-`))).toBe(true)
  })

  it('without PowerShell, or when it hangs, DPAPI is unavailable; it runs by absolute path', async () => {
    const missing = tool(() => ({ code: null, failure: 'missing' }))
    await writeFile(join(dir, DPAPI_FILE), 'AAAA')
    expect(await reason(new DpapiVault(dir, { run: missing.run }).load('demo'))).toBe(
      'unavailable:missing-tool',
    )
    expect(missing.calls[0]!.file).toMatch(/System32\\WindowsPowerShell\\v1\.0\\powershell\.exe$/)
    const hung = tool(() => ({ code: null, failure: 'timeout' }))
    expect(await reason(new DpapiVault(dir, { run: hung.run }).create('demo'))).toBe('unavailable:timeout')
  })
})
