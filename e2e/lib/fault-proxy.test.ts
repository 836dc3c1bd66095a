import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FaultProxy } from './fault-proxy.js'

let upstream: Server
let proxy: FaultProxy
const BODY = JSON.stringify({ hello: 'x'.repeat(200) })

beforeAll(async () => {
  upstream = createServer((_req, res) => res.end(BODY))
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r))
  proxy = new FaultProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`)
  await proxy.start()
})
afterAll(async () => {
  await proxy.stop()
  await new Promise((r) => upstream.close(r))
})

const get = (ms = 2000) =>
  fetch(proxy.url, { signal: AbortSignal.timeout(ms) }).then(async (r) => ({
    status: r.status,
    body: await r.text(),
  }))
const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: Error) => e.name,
  )

describe('fault proxy', () => {
  it('passes, errors, delays and drips', async () => {
    await proxy.set({ fault: 'pass' })
    expect(await get()).toEqual({ status: 200, body: BODY })
    await proxy.set({ fault: 'error', status: 503 })
    expect((await get()).status).toBe(503)
    await proxy.set({ fault: 'delay', delayMs: 100 })
    expect((await get()).body).toBe(BODY)
    await proxy.set({ fault: 'drip', delayMs: 1 })
    expect((await get()).body).toBe(BODY)
  })

  it('drops, resets, truncates and refuses', async () => {
    await proxy.set({ fault: 'drop' })
    expect(await failure(get(300))).toBe('TimeoutError')
    await proxy.set({ fault: 'reset' })
    expect(await failure(get())).toBe('TypeError')
    await proxy.set({ fault: 'truncate' })
    expect(await failure(get())).not.toBe('ok')
    await proxy.set({ fault: 'refuse' })
    expect(await failure(get())).toBe('TypeError')
    await proxy.set({ fault: 'pass' })
    expect((await get()).status).toBe(200)
  })

  it('flaps at the configured rate', async () => {
    let i = 0
    const flappy = new FaultProxy(proxy.url, () => (i++ % 2 === 0 ? 0.1 : 0.9))
    await flappy.start()
    await flappy.set({ fault: 'error', status: 502, rate: 0.5 })
    const statuses = await Promise.all([1, 2, 3, 4].map(() => fetch(flappy.url).then((r) => r.status)))
    expect(statuses.sort()).toEqual([200, 200, 502, 502])
    await flappy.stop()
  })
})
