import { randomBytes } from 'node:crypto'
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { T0 } from '../../../core/src/test-support/factory.js'
import { type Harness, harness, machine } from '../test-support/harness.js'
import type { KeyVault } from './key-vault.js'

let h: Harness
const extra: string[] = []
afterEach(async () => {
  await h?.cleanup()
  for (const dir of extra.splice(0)) await rm(dir, { recursive: true, force: true })
})

const DATA = ['license.tsr', 'identity.tsr', 'telemetry.tsr', 'device-key.tsr']

async function copyStore(from: string, files: readonly string[]): Promise<string> {
  const to = await mkdtemp(join(tmpdir(), 'tessera-copy-'))
  extra.push(to)
  for (const name of files) await copyFile(join(from, name), join(to, name)).catch(() => {})
  return to
}

function fixedVault(key: Uint8Array): KeyVault {
  return { description: 'a test vault', storeKey: async () => key }
}

describe('a store copied to another device identity does not validate', () => {
  it('under another device secret, every file reads as corrupt: limited, never active', async () => {
    h = await harness()
    await (await h.activated()).close()
    const copy = await copyStore(h.dir, DATA)
    const stranger = await h.open({ storeDir: copy })
    expect(stranger.check()).toMatchObject({
      state: 'limited',
      reasons: ['STORE_CORRUPT'],
      features: ['view'],
    })
    const again = await h.open({ storeDir: copy })
    expect(again.check().state).not.toBe('active')
  })

  it('with the secret copied too, another machine fails the fingerprint: invalid', async () => {
    h = await harness()
    await (await h.activated()).close()
    const copy = await copyStore(h.dir, [...DATA, 'device.secret'])
    const clone = await h.open({ storeDir: copy, fingerprintSources: machine('b') })
    expect(clone.check()).toMatchObject({ state: 'invalid', reasons: ['FINGERPRINT_MISMATCH'] })
    expect(clone.status().headline).toBe('License belongs to another device')
    // the same machine (a restored backup) keeps working; one changed part (a new disk) too
    const same = await h.open({
      storeDir: copy,
      fingerprintSources: machine('a', { diskSerial: async () => 'new' }),
    })
    expect(same.check()).toMatchObject({ state: 'active', reasons: ['FINGERPRINT_CHANGED'] })
  })

  it('with the same vault but another device key, the lease is not this device: invalid', async () => {
    const vault = fixedVault(randomBytes(32))
    h = await harness({ vault })
    await (await h.activated()).close()
    const other = await mkdtemp(join(tmpdir(), 'tessera-other-'))
    extra.push(other)
    await (await h.open({ storeDir: other })).close() // its own device key
    for (const name of ['license.tsr', 'identity.tsr']) await copyFile(join(h.dir, name), join(other, name))
    const moved = await h.open({ storeDir: other })
    expect(moved.check()).toMatchObject({ state: 'invalid', reasons: ['DEVICE_MISMATCH'] })
  })
})

describe('a damaged store is handled, never thrown', () => {
  it('a tampered license file: limited offline, refetched by renewing online', async () => {
    h = await harness()
    await (await h.activated()).close()
    const path = join(h.dir, 'license.tsr')
    const bytes = await readFile(path)
    const middle = bytes.length >> 1
    bytes[middle] = bytes[middle]! ^ 0x20
    await writeFile(path, bytes)
    h.server.offline = true
    const client = await h.open()
    expect(client.check()).toMatchObject({ state: 'limited', features: ['view'], reasons: ['STORE_CORRUPT'] })
    expect(client.status()).toMatchObject({ headline: 'Limited mode', renewalPending: false })
    expect((await client.renew()).outcome).toBe('offline')
    expect(client.status()).toMatchObject({ headline: 'Limited mode', renewalPending: true })
    await client.close()
    expect((await h.open()).check().state).toBe('limited') // stays corrupt, not silently reset
    h.server.offline = false
    const online = await h.open()
    expect((await online.renew()).decision).toMatchObject({ state: 'active', reasons: [] })
    expect((await h.open()).check().state).toBe('active')
  })

  it('a truncated or deleted license file; a directory where a file should be', async () => {
    h = await harness()
    await (await h.activated()).close()
    const path = join(h.dir, 'license.tsr')
    await writeFile(path, (await readFile(path)).subarray(0, 40))
    expect((await h.open()).check().state).toBe('limited')
    await rm(path)
    const missing = await h.open()
    expect(missing.check()).toMatchObject({ state: 'invalid', reasons: ['NOT_ACTIVATED'] })
    expect(missing.status()).toMatchObject({ headline: 'License being restored', renewalPending: false })
    await mkdir(path)
    const odd = await h.open()
    expect(odd.check().state).toBe('limited')
    await rm(path, { recursive: true })
    h.clock.now = T0 + 60
    expect((await odd.renew()).decision.state).toBe('active')
  })

  it('an unreadable device key is replaced and reported; the old lease no longer validates', async () => {
    h = await harness()
    await (await h.activated()).close()
    await writeFile(join(h.dir, 'device-key.tsr'), randomBytes(200))
    const first = await h.open()
    expect(first.check()).toMatchObject({ state: 'limited', reasons: ['STORE_CORRUPT'] })
    await first.close()
    expect((await h.open()).check()).toMatchObject({ state: 'invalid', reasons: ['DEVICE_MISMATCH'] })
  })
})
