import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ClientError } from '../errors.js'
import { FORMAT_VERSION, seal } from './sealed-format.js'
import { type FileCodec, SealedStore } from './sealed-store.js'
import { int, obj } from './shape.js'
import { withLock } from './store-lock.js'

interface Counter {
  n: number
  note: string
}

const COUNTER: FileCodec<Counter> = {
  name: 'counter.tsr',
  parse(value) {
    const o = obj(value, 'counter')
    if (typeof o.note !== 'string') throw new Error('note')
    return { n: int(o.n, 'n'), note: o.note }
  },
}

let dir: string
const key = randomBytes(32)
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-sealed-'))
})
afterEach(async () => rm(dir, { recursive: true, force: true }))

describe('sealed store', () => {
  it('round-trips, writes atomically and leaves no temp or lock files behind', async () => {
    const store = new SealedStore(dir, 'demo', key)
    expect(await store.read(COUNTER)).toEqual({ status: 'missing' })
    await store.update(COUNTER, () => ({ n: 1, note: 'x'.repeat(1000) }))
    expect(await store.read(COUNTER)).toEqual({ status: 'ok', value: { n: 1, note: 'x'.repeat(1000) } })
    const bytes = await readFile(join(dir, COUNTER.name))
    expect(bytes.subarray(0, 5)).toEqual(Buffer.from([0x54, 0x53, 0x52, 0x53, FORMAT_VERSION]))
    expect(bytes.includes(Buffer.from('xxxx'))).toBe(false)
    expect(await readdir(dir)).toEqual([COUNTER.name])
  })

  it('detects any byte flip, any truncation and any appended byte (never a third state)', async () => {
    const store = new SealedStore(dir, 'demo', key)
    const good = store.encode(COUNTER, { n: 42, note: 'hello' })
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const bad = Buffer.from(good)
        bad[at] = bad[at]! ^ mask
        return store.decode(COUNTER, bad).status === 'corrupt'
      }),
      { numRuns: 500 },
    )
    fc.assert(
      fc.property(
        fc.nat(good.length - 1),
        (length) => store.decode(COUNTER, good.subarray(0, length)).status === 'corrupt',
      ),
      { numRuns: 300 },
    )
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (tail) => {
        return store.decode(COUNTER, Buffer.concat([good, tail])).status === 'corrupt'
      }),
    )
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 256 }),
        (junk) => store.decode(COUNTER, junk).status === 'corrupt',
      ),
    )
    expect(store.decode(COUNTER, good)).toEqual({ status: 'ok', value: { n: 42, note: 'hello' } })
  })

  it('refuses a file of another product, another file name or another key', async () => {
    const mine = new SealedStore(dir, 'demo', key)
    const bytes = mine.encode(COUNTER, { n: 1, note: '' })
    expect(new SealedStore(dir, 'other', key).decode(COUNTER, bytes)).toEqual({
      status: 'corrupt',
      reason: 'auth',
    })
    expect(mine.decode({ ...COUNTER, name: 'license.tsr' }, bytes)).toEqual({
      status: 'corrupt',
      reason: 'auth',
    })
    expect(new SealedStore(dir, 'demo', randomBytes(32)).decode(COUNTER, bytes)).toMatchObject({
      reason: 'auth',
    })
  })

  it('reads a well-sealed file of the wrong shape as corrupt, not as an exception', async () => {
    const store = new SealedStore(dir, 'demo', key)
    const wrong = seal(key, 'demo', COUNTER.name, Buffer.from(JSON.stringify({ n: 'one' })))
    expect(store.decode(COUNTER, wrong)).toEqual({ status: 'corrupt', reason: 'shape' })
    const notJson = seal(key, 'demo', COUNTER.name, Buffer.from('{n:'))
    expect(store.decode(COUNTER, notJson)).toEqual({ status: 'corrupt', reason: 'json' })
    await writeFile(join(dir, COUNTER.name), '')
    expect(await store.read(COUNTER)).toEqual({ status: 'corrupt', reason: 'header' })
  })

  it('migrates a synthetic v0 file and rewrites it as v1 at the next write; refuses a newer format', async () => {
    // v0 (synthetic): the counter was a string field "count"
    const v0 = seal(key, 'demo', COUNTER.name, Buffer.from(JSON.stringify({ count: '7' })), 0)
    await writeFile(join(dir, COUNTER.name), v0)
    expect(await new SealedStore(dir, 'demo', key).read(COUNTER)).toEqual({
      status: 'corrupt',
      reason: 'version',
    })
    const migrations = {
      0: (old: unknown) => ({ n: Number((old as { count: string }).count), note: 'migrated' }),
    }
    const store = new SealedStore(dir, 'demo', key, migrations)
    expect(await store.read(COUNTER)).toEqual({ status: 'ok', value: { n: 7, note: 'migrated' } })
    await store.update(COUNTER, (current) =>
      current.status === 'ok' ? { ...current.value, n: 8 } : undefined,
    )
    const rewritten = await readFile(join(dir, COUNTER.name))
    expect(rewritten[4]).toBe(1)
    expect(await new SealedStore(dir, 'demo', key).read(COUNTER)).toEqual({
      status: 'ok',
      value: { n: 8, note: 'migrated' },
    })
    const future = Buffer.from(rewritten)
    future[4] = FORMAT_VERSION + 1
    expect(store.decode(COUNTER, future)).toEqual({ status: 'corrupt', reason: 'version' })
  })

  it('serializes read-modify-write so concurrent updates lose nothing', async () => {
    const a = new SealedStore(dir, 'demo', key)
    const b = new SealedStore(dir, 'demo', key)
    const bump = (s: SealedStore) =>
      s.update(COUNTER, (c) => ({ n: (c.status === 'ok' ? c.value.n : 0) + 1, note: '' }))
    await Promise.all(Array.from({ length: 24 }, (_, i) => bump(i % 2 ? a : b)))
    expect(await a.read(COUNTER)).toMatchObject({ value: { n: 24 } })
  })

  it('breaks a lock left by a dead process, and waits (then gives up) on a live one', async () => {
    await writeFile(
      join(dir, '.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12_345, at: Date.now(), token: 'dead' }),
    )
    expect(await withLock(dir, '.lock', async () => 'taken')).toBe('taken')
    let error: unknown
    await withLock(dir, '.lock', async () => {
      error = await withLock(dir, '.lock', async () => 'no', { timeoutMs: 100 }).catch((e) => e)
    })
    expect(error).toBeInstanceOf(ClientError)
    expect((error as ClientError).code).toBe('STORE_BUSY')
    expect(await readdir(dir)).toEqual([])
  })
})
