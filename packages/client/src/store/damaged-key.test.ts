import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PRODUCT, T0 } from '../../../core/src/test-support/factory.js'
import { isClientError } from '../errors.js'
import { type Harness, harness, LICENSE_KEY } from '../test-support/harness.js'
import { KEY_STORAGE_FILE } from './key-storage.js'
import { FileKeyVault, SECRET_FILE } from './key-vault.js'
import { TELEMETRY_FILE } from './records.js'
import { SealedStore } from './sealed-store.js'

let h: Harness
afterEach(async () => h?.cleanup())

const secret = () => join(h.dir, SECRET_FILE)

/** Replaces the activated store's device secret by `damage`, as a broken disk or a user might. */
async function activatedThenDamaged(damage: () => Promise<void>): Promise<void> {
  h = await harness()
  await (await h.activated()).close()
  await rm(secret())
  await damage()
}

describe('damaged key material never makes openClient throw', () => {
  const damages: [string, () => Promise<void>, string][] = [
    ['a directory', () => mkdir(secret()), 'unreadable'],
    ['a symlink loop', () => symlink(SECRET_FILE, secret()), 'unreadable'],
    ['of the wrong size', () => writeFile(secret(), randomBytes(31)), 'corrupt'],
    ['deleted', async () => {}, 'missing'],
  ]
  for (const [what, damage, problem] of damages) {
    it(`device.secret ${what}: limited, reported as ${problem}, refetched by activating`, async () => {
      await activatedThenDamaged(damage)
      h.server.offline = true
      const client = await h.open()
      expect(client.check()).toMatchObject({
        state: 'limited',
        reasons: ['STORE_CORRUPT'],
        features: ['view'],
      })
      expect(client.status().headline).toBe('Limited mode')
      expect(client.diagnostics().client.keyStorage).toMatchObject({ kind: 'file', problem, readOnly: false })
      expect((await client.renew()).outcome).not.toBe('renewed') // nothing to renew with offline
      h.server.offline = false
      h.clock.now = T0 + 60
      await client.activate(LICENSE_KEY)
      expect(client.check()).toMatchObject({ state: 'active', reasons: [] })
      await client.close()
      const next = await h.open()
      expect(next.check()).toMatchObject({ state: 'active', reasons: [] })
      expect(next.diagnostics().client.keyStorage).toMatchObject({
        problem: null,
        lastReplaced: { problem, at: T0 },
      })
    })
  }

  it('a wrong-size secret is kept aside and recorded, and the vendor hears of it', async () => {
    const junk = randomBytes(31)
    await activatedThenDamaged(() => writeFile(secret(), junk))
    const client = await h.open()
    const aside = (await readdir(h.dir)).filter((n) => n.startsWith(`${SECRET_FILE}.invalid-`))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(h.dir, aside[0]!))).toEqual(junk)
    const record = JSON.parse(await readFile(join(h.dir, KEY_STORAGE_FILE), 'utf8'))
    expect(record).toMatchObject({ kind: 'file', replaced: { problem: 'corrupt', at: T0 } })
    await client.close()
    // queued for the vendor (uploaded at the next contact), sealed under the new key
    const key = await new FileKeyVault(h.dir).storeKey(PRODUCT)
    const queue = await new SealedStore(h.dir, PRODUCT, key).read(TELEMETRY_FILE)
    const codes = queue.status === 'ok' ? queue.value.events.map((e) => e.code) : []
    expect(codes).toContain('STORE_KEY_CORRUPT')
  })
})

describe('a key that cannot be had at all: read-only, never thrown', () => {
  it('opens limited with nothing written, refuses to activate (no seat on a throwaway key)', async () => {
    h = await harness()
    await (await h.activated()).close()
    const before = (await readdir(h.dir)).sort()
    const unreachable = {
      description: 'in a vendor agent that is not running',
      storeKey: async () => {
        throw new Error('agent down')
      },
    }
    const client = await h.open({ vault: unreachable })
    expect(client.check()).toMatchObject({ state: 'limited', reasons: ['STORE_CORRUPT'] })
    expect(client.diagnostics().client.keyStorage).toMatchObject({ kind: 'custom', readOnly: true })
    expect(client.privacyReport().text).toContain('not reachable now')
    const error = await client.activate(LICENSE_KEY).catch((err) => err)
    expect(isClientError(error, 'STORE_UNAVAILABLE')).toBe(true)
    expect(h.server.calls.filter((c) => c.endpoint === 'activate')).toHaveLength(1) // the first one only
    h.clock.now = T0 + 3600
    client.check()
    await client.close()
    expect((await readdir(h.dir)).sort()).toEqual(before)
    expect((await h.open()).check()).toMatchObject({ state: 'active', reasons: [] })
  })
})
