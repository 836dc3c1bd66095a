import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KEY_LOCK_WAIT_MS, KEY_STORAGE_FILE, openStoreKey } from './key-storage.js'
import { type BuiltInVault, FileKeyVault, KeychainUnavailableError, SECRET_FILE } from './key-vault.js'
import { KEYCHAIN_TIMEOUT_MS, parseKeyText } from './keychain-vault.js'
import type { KeychainFactory } from './vault-choice.js'

const NOW = 1_767_225_600

/** An in-memory keychain that can be made unreachable or have its entry damaged. */
class FakeKeychain {
  readonly entries = new Map<string, string>()
  available = true
  calls = 0

  factory: KeychainFactory = (dir) => {
    const entries = this.entries
    const self = this
    const check = () => {
      self.calls++
      if (!self.available) throw new KeychainUnavailableError('no-session')
    }
    const vault: BuiltInVault = {
      kind: 'secret-service',
      description: 'in the fake keyring',
      async load(product) {
        check()
        const text = entries.get(`${dir}|${product}`)
        return text === undefined ? null : parseKeyText(text)
      },
      async create(product) {
        check()
        const key = randomBytes(32)
        entries.set(`${dir}|${product}`, key.toString('base64url'))
        return new Uint8Array(key)
      },
      storeKey: async () => {
        throw new Error('unused')
      },
    }
    return vault
  }
}

let dir: string
let keychain: FakeKeychain
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-keys-'))
  keychain = new FakeKeychain()
})
afterEach(async () => rm(dir, { recursive: true, force: true }))

const open = (mode: 'auto' | 'keychain' | 'file', now = NOW, createMissing = false) =>
  openStoreKey(dir, 'demo', mode, null, now, { keychain: keychain.factory, createMissing })
const record = async () => JSON.parse(await readFile(join(dir, KEY_STORAGE_FILE), 'utf8'))
const hex = (key: Uint8Array | null) => (key ? Buffer.from(key).toString('hex') : null)
/** A sealed file as the store would have: what a lost key can no longer open. */
const sealedFile = () => writeFile(join(dir, 'license.tsr'), randomBytes(64))

describe('choosing where a new store keeps its key', () => {
  it('auto: the keychain when it answers; recorded, and no device secret is made', async () => {
    const first = await open('auto')
    expect(first.state).toMatchObject({ kind: 'secret-service', problem: null, readOnly: false })
    expect(await record()).toEqual({
      format: 'tessera-key-storage/1',
      kind: 'secret-service',
      replaced: null,
    })
    expect(await readdir(dir)).toEqual([KEY_STORAGE_FILE])
    expect(hex((await open('auto')).key)).toBe(hex(first.key))
  })

  it('auto: the device secret file when the keychain cannot be reached; recorded', async () => {
    keychain.available = false
    const first = await open('auto')
    expect(first.state).toMatchObject({ kind: 'file', problem: null, readOnly: false })
    expect(first.state.description).toContain(SECRET_FILE)
    expect((await record()).kind).toBe('file')
    expect((await readdir(dir)).sort()).toEqual([SECRET_FILE, KEY_STORAGE_FILE].sort())
  })

  it('file: never asks the keychain; keychain: never falls back (read-only, nothing written)', async () => {
    expect((await open('file')).state.kind).toBe('file')
    expect(keychain.calls).toBe(0)
    await rm(dir, { recursive: true })
    keychain.available = false
    const locked = await open('keychain')
    expect(locked).toMatchObject({ key: null, state: { readOnly: true, problem: 'unavailable' } })
    expect(await readdir(dir)).toEqual([])
  })

  it('processes opening a new store together agree on one key and one record', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => open('auto')))
    for (const k of keys) expect(hex(k.key)).toBe(hex(keys[0]!.key))
    expect(keychain.entries.size).toBe(1)
  })
})

describe('an existing store keeps the place recorded in it (migration)', () => {
  it('a file store stays on its file key when a keychain appears later', async () => {
    keychain.available = false
    const before = await open('auto')
    await sealedFile()
    keychain.available = true
    for (const mode of ['auto', 'keychain'] as const) {
      const after = await open(mode)
      expect(after.state).toMatchObject({ kind: 'file', problem: null })
      expect(hex(after.key)).toBe(hex(before.key))
    }
    expect(keychain.entries.size).toBe(0)
  })

  it('a store from before the record (device.secret only) is recorded as a file store', async () => {
    await writeFile(join(dir, SECRET_FILE), randomBytes(32), { mode: 0o600 })
    await sealedFile()
    expect((await open('auto')).state).toMatchObject({ kind: 'file', problem: null })
    expect((await record()).kind).toBe('file')
    expect(keychain.entries.size).toBe(0)
  })

  it('a keychain store whose keychain is out of reach opens read-only, and nothing is replaced', async () => {
    const before = await open('auto')
    await sealedFile()
    keychain.available = false
    const offline = await open('auto')
    expect(offline).toMatchObject({ key: null, state: { kind: 'secret-service', readOnly: true } })
    expect(offline.state.problem).toBe('unavailable')
    expect(offline.state.description).toContain('not reachable now')
    expect((await readdir(dir)).includes(SECRET_FILE)).toBe(false)
    keychain.available = true
    expect(hex((await open('auto')).key)).toBe(hex(before.key))
  })
})

describe('damaged or lost key material is replaced, reported and recorded, never thrown', () => {
  it('a Secret Service entry absent while the store has files (perhaps locked): read-only "missing", no key made', async () => {
    await open('auto')
    await sealedFile()
    const recorded = await record()
    keychain.entries.clear()
    const opened = await open('auto', NOW + 60)
    expect(opened).toMatchObject({
      key: null,
      state: { kind: 'secret-service', problem: 'missing', readOnly: true },
    })
    expect(keychain.entries.size).toBe(0)
    expect(await record()).toEqual(recorded)
    expect((await readdir(dir)).includes(SECRET_FILE)).toBe(false)
  })

  it('the Secret Service entry gone: a new key only when asked (activate), problem "missing"', async () => {
    const before = await open('auto')
    await sealedFile()
    keychain.entries.clear()
    const after = await open('auto', NOW + 60, true)
    expect(after.state).toMatchObject({ kind: 'secret-service', problem: 'missing', readOnly: false })
    expect(hex(after.key)).not.toBe(hex(before.key))
    expect((await record()).replaced).toEqual({ problem: 'missing', at: NOW + 60 })
    const later = await open('auto')
    expect(later.state).toMatchObject({ problem: null, lastReplaced: { problem: 'missing', at: NOW + 60 } })
  })

  it('a keychain entry that is not a key: replaced, problem "corrupt"', async () => {
    await open('auto')
    for (const k of keychain.entries.keys()) keychain.entries.set(k, 'not a key')
    const after = await open('auto')
    expect(after.state.problem).toBe('corrupt')
    expect([...keychain.entries.values()][0]).toMatch(/^[\w-]{43}$/)
  })

  it('a device.secret of the wrong size: kept aside, replaced, problem "corrupt"', async () => {
    await open('file')
    await writeFile(join(dir, SECRET_FILE), 'short')
    await sealedFile()
    const after = await open('auto')
    expect(after.state).toMatchObject({ kind: 'file', problem: 'corrupt', readOnly: false })
    const names = await readdir(dir)
    expect(names.some((n) => n.startsWith(`${SECRET_FILE}.invalid-`))).toBe(true)
    expect((await readFile(join(dir, SECRET_FILE))).length).toBe(32)
    expect((await record()).replaced).toEqual({ problem: 'corrupt', at: NOW })
  })

  it('a device.secret that is a directory or a symlink loop: moved aside, replaced, "unreadable"', async () => {
    await open('file')
    await rm(join(dir, SECRET_FILE))
    await mkdir(join(dir, SECRET_FILE))
    expect((await open('auto')).state).toMatchObject({ problem: 'unreadable', readOnly: false })
    await rm(join(dir, SECRET_FILE))
    await symlink(SECRET_FILE, join(dir, SECRET_FILE))
    expect((await open('auto')).state).toMatchObject({ problem: 'unreadable', readOnly: false })
  })

  it('a device.secret that cannot be read now (EACCES, EPERM, EBUSY, EMFILE): read-only, kept as it is', async () => {
    const before = await open('file')
    await sealedFile()
    for (const code of ['EACCES', 'EPERM', 'EBUSY', 'EMFILE']) {
      const fileVault = (d: string) =>
        new FileKeyVault(d, {
          readFile: async () => {
            throw Object.assign(new Error(code), { code })
          },
        })
      const opened = await openStoreKey(dir, 'demo', 'auto', null, NOW, {
        keychain: keychain.factory,
        fileVault,
      })
      expect(opened).toMatchObject({
        key: null,
        state: { kind: 'file', problem: 'unavailable', readOnly: true },
      })
      expect((await readdir(dir)).filter((n) => n.includes('.invalid-'))).toEqual([])
      expect((await record()).replaced).toBeNull()
    }
    expect(hex((await open('file')).key)).toBe(hex(before.key))
  })

  it('a device.secret deleted while the store has files: problem "missing"', async () => {
    await open('file')
    await sealedFile()
    await rm(join(dir, SECRET_FILE))
    expect((await open('file')).state.problem).toBe('missing')
  })

  it("a store recorded under another platform's keychain: a new key here, problem 'missing'", async () => {
    await writeFile(
      join(dir, KEY_STORAGE_FILE),
      JSON.stringify({ format: 'tessera-key-storage/1', kind: 'dpapi' }),
    )
    await sealedFile()
    const after = await open('auto')
    expect(after.state).toMatchObject({ kind: 'secret-service', problem: 'missing' })
    expect((await record()).kind).toBe('secret-service')
  })
})

describe('the key lock', () => {
  it('is waited for longer than the three keychain tool runs made under it', () => {
    expect(KEY_LOCK_WAIT_MS).toBeGreaterThan(3 * KEYCHAIN_TIMEOUT_MS)
  })

  it('a failure other than a busy lock is not hidden as a read-only store', async () => {
    const broken: KeychainFactory = () => {
      throw new Error('a bug in choosing the vault')
    }
    await expect(openStoreKey(dir, 'demo', 'auto', null, NOW, { keychain: broken })).rejects.toThrow(
      'a bug in choosing the vault',
    )
  })
})

describe('a vault of the vendor', () => {
  it('is used as given; one that fails gives a read-only store, not an exception', async () => {
    const key = randomBytes(32)
    const good = { description: 'in the vendor agent', storeKey: async () => key }
    const opened = await openStoreKey(dir, 'demo', 'auto', good, NOW, { keychain: keychain.factory })
    expect(opened.state).toMatchObject({ kind: 'custom', problem: null, description: 'in the vendor agent' })
    const bad = { description: 'x', storeKey: async () => new Uint8Array(16) }
    expect(await openStoreKey(dir, 'demo', 'auto', bad, NOW)).toMatchObject({
      key: null,
      state: { kind: 'custom', readOnly: true, problem: 'unavailable' },
    })
    expect(keychain.calls).toBe(0)
  })
})
