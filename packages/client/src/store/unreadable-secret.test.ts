// A device.secret that exists but cannot be read now (no permission, a sharing lock on Windows,
// no file handles left) is out of reach, not damaged: the store opens read-only and keeps it.
// Tests may run as root, where chmod 000 does not block reads, so the read error is also injected.
import { chmod, readdir, readFile as realReadFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isClientError } from '../errors.js'
import { type Harness, harness, LICENSE_KEY } from '../test-support/harness.js'
import { SECRET_FILE } from './key-vault.js'

const blocked = vi.hoisted(() => ({ code: null as string | null }))
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>()
  const readFile = ((path: unknown, ...rest: unknown[]) => {
    if (blocked.code && String(path).endsWith('device.secret'))
      return Promise.reject(Object.assign(new Error(blocked.code), { code: blocked.code }))
    return (fs.readFile as (...a: unknown[]) => unknown)(path, ...rest)
  }) as typeof fs.readFile
  return { ...fs, readFile, default: { ...fs, readFile } }
})

let h: Harness
afterEach(async () => {
  blocked.code = null
  if (h) await chmod(join(h.dir, SECRET_FILE), 0o600).catch(() => {})
  await h?.cleanup()
})

describe('a device.secret that cannot be read now', () => {
  for (const code of ['EACCES', 'EPERM', 'EBUSY', 'EMFILE']) {
    it(`${code}: limited and read-only, nothing written, activate refuses, the license is back once readable`, async () => {
      h = await harness()
      await (await h.activated()).close()
      const secret = await realReadFile(join(h.dir, SECRET_FILE))
      const before = (await readdir(h.dir)).sort()
      await chmod(join(h.dir, SECRET_FILE), 0o000)
      blocked.code = code
      const client = await h.open()
      expect(client.check()).toMatchObject({ state: 'limited', reasons: ['STORE_CORRUPT'] })
      expect(client.diagnostics().client.keyStorage).toMatchObject({
        kind: 'file',
        problem: 'unavailable',
        readOnly: true,
      })
      const error = await client.activate(LICENSE_KEY).catch((err) => err)
      expect(isClientError(error, 'STORE_UNAVAILABLE')).toBe(true)
      await client.close()
      expect((await readdir(h.dir)).sort()).toEqual(before)
      blocked.code = null
      await chmod(join(h.dir, SECRET_FILE), 0o600)
      expect(await realReadFile(join(h.dir, SECRET_FILE))).toEqual(secret)
      expect((await h.open()).check()).toMatchObject({ state: 'active', reasons: [] })
    })
  }
})
