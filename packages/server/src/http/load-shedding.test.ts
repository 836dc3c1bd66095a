import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startTestServer } from '../test-support/test-server.js'

/** A route that answers when the test opens its gate: an admitted request held in flight. */
let opened: (() => void)[] = []
const openGates = () => {
  for (const open of opened) open()
  opened = []
}

describe('load shedding over real HTTP', () => {
  let srv: RunningServer
  beforeAll(async () => {
    srv = await startTestServer({
      loadShedding: { maxInFlight: 2, maxEventLoopDelayMs: 0, retryAfterSeconds: 3 },
      plugins: [
        async (app) => {
          app.get('/test/held', async () => {
            await new Promise<void>((resolve) => opened.push(resolve))
            return { ok: true }
          })
        },
      ],
    })
  })
  afterAll(async () => {
    openGates()
    await srv?.stop()
  })

  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10))
    expect(ok()).toBe(true)
  }

  it('past maxInFlight answers 503 OVERLOADED with Retry-After; probes pass; capacity returns', async () => {
    const held = [fetch(`${srv.url}/test/held`), fetch(`${srv.url}/test/held`)]
    await until(() => opened.length === 2)
    const shed = await fetch(`${srv.url}/v1/time?nonce=abcdefghijklmnop`)
    expect(shed.status).toBe(503)
    expect(shed.headers.get('content-type')).toContain('application/problem+json')
    expect(shed.headers.get('retry-after')).toBe('3')
    expect(await shed.json()).toMatchObject({ status: 503, code: 'OVERLOADED', instance: '/v1/time' })
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      expect((await fetch(`${srv.url}${path}`)).status, path).toBe(200)
    }
    openGates()
    for (const res of await Promise.all(held)) expect(res.status).toBe(200)
    expect((await fetch(`${srv.url}/v1/nonce`)).status).toBe(200)
  })

  it('a client that gives up mid-request frees its slot', async () => {
    const aborts = [new AbortController(), new AbortController()]
    const held = aborts.map((a) => fetch(`${srv.url}/test/held`, { signal: a.signal }).catch(() => null))
    await until(() => opened.length === 2)
    expect((await fetch(`${srv.url}/v1/nonce`)).status).toBe(503)
    for (const a of aborts) a.abort()
    await Promise.all(held)
    let status = 0
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await fetch(`${srv.url}/v1/nonce`)).status
      if (status !== 200) await new Promise((r) => setTimeout(r, 10))
    }
    expect(status).toBe(200)
    openGates()
  })
})
