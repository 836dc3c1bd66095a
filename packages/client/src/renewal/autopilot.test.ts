import { afterEach, describe, expect, it, vi } from 'vitest'
import { DAY, ROOT, sign, T0, testKey } from '../../../core/src/test-support/factory.js'
import { activate } from '../lease/activation.js'
import type { Engine } from '../lease/engine.js'
import { withLock } from '../store/store-lock.js'
import { problem } from '../test-support/fake-server.js'
import { type Harness, harness, LICENSE_KEY } from '../test-support/harness.js'
import { Autopilot } from './autopilot.js'
import { renew } from './renew.js'

let h: Harness
afterEach(async () => {
  vi.useRealTimers()
  await h?.cleanup()
})

const DUE = T0 + 3 * DAY + 300 // renew-after plus this lease's jitter (random 0.5 of 600 s)

async function activated(): Promise<{ engine: Engine; pilot: Autopilot }> {
  h = await harness()
  const engine = await h.engine()
  await activate(engine, LICENSE_KEY)
  return { engine, pilot: new Autopilot(engine) }
}

/** Runs one background tick at system time `at`; returns the planned wake-up. */
async function tickAt(pilot: Autopilot, at: number): Promise<number> {
  h.clock.now = at
  return pilot.tick()
}

describe('background renewal', () => {
  it('sleeps until the next check-in, checks in, and renews at renew-after plus jitter', async () => {
    const { engine, pilot } = await activated()
    expect(await tickAt(pilot, T0 + 3600)).toBe(T0 + 7200) // at most an hour of sleep
    expect(await tickAt(pilot, T0 + 20_000)).toBe(T0 + 21_600) // the check-in is next
    expect(h.server.count('status') + h.server.count('renew')).toBe(0)
    expect(await tickAt(pilot, T0 + 21_600)).toBe(T0 + 21_600 + 3600)
    expect(h.server.count('status')).toBe(1)
    await tickAt(pilot, DUE - 1)
    expect(h.server.count('renew')).toBe(0)
    await tickAt(pilot, DUE)
    expect(h.server.count('renew')).toBe(1)
    expect(engine.decide()).toMatchObject({ state: 'active', deadline: DUE + 3 * DAY })
  })

  it('backs off exponentially while offline, then renews and reports the offline period', async () => {
    const { engine, pilot } = await activated()
    h.server.offline = true
    const attempts: number[] = []
    let at = DUE
    for (let i = 0; i < 9; i++) {
      const before = h.server.count('renew')
      const wake = await tickAt(pilot, at)
      if (h.server.count('renew') > before) attempts.push(at - DUE)
      expect(engine.decide().state).not.toBe('limited')
      at = Math.min(wake, at + 3600)
    }
    expect(attempts).toEqual([0, 45, 135, 315, 675, 1395, 2835, 5535, 8235])
    expect(engine.state.record.renewal).toMatchObject({
      failures: 9,
      offlineSince: DUE,
      lastOutcome: 'offline',
    })
    h.server.offline = false
    await tickAt(pilot, at + 2700)
    expect(engine.state.record.renewal).toMatchObject({ failures: 0, lastOutcome: 'renewed' })
    await engine.close()
    expect(h.server.telemetryEvents.filter((e) => e.type === 'offline')).toEqual([
      expect.objectContaining({ seconds: at + 2700 - DUE }),
    ])
  })

  it('honours Retry-After (also for a manual renewal) and waits the cap after a rejection', async () => {
    const { engine, pilot } = await activated()
    h.server.failNext('renew', () => problem('OVERLOADED', 503, 'server_error', 600))
    expect(await tickAt(pilot, DUE)).toBe(DUE + 600)
    const manual = await renew(engine, true)
    expect(manual).toMatchObject({ outcome: 'server_error', code: 'OVERLOADED', nextAttemptAt: DUE + 600 })
    expect(h.server.count('renew')).toBe(1)
    h.server.failNext('renew', () => problem('RATE_LIMITED', 429, 'rate_limited', 900))
    expect(await tickAt(pilot, DUE + 600)).toBe(DUE + 1500)
    h.server.failNext('renew', () => problem('DEVICE_NOT_FOUND', 404, 'rejected'))
    expect(await tickAt(pilot, DUE + 1500)).toBe(DUE + 1500 + 2700)
    expect(engine.decide().state).toBe('renewal_due')
    expect(h.server.count('renew')).toBe(3)
  })

  it('learns a revocation at a check-in and stops renewing', async () => {
    const { engine, pilot } = await activated()
    h.server.license('lic_01').revoked = 'device'
    const wake = await tickAt(pilot, T0 + 21_600)
    expect(engine.decide()).toMatchObject({ state: 'revoked', features: [] })
    expect(wake).toBe(T0 + 21_600 + 3600)
    await tickAt(pilot, DUE + DAY)
    expect(h.server.count('renew')).toBe(0)
  })

  it('applies key set updates and root rotations from each bundle, and refuses their rollback', async () => {
    const { engine } = await activated()
    const root2 = testKey('root-2')
    const link = await sign('root', ROOT, ROOT.thumbprint, {
      v: 1,
      iss: 'tessera-test',
      ver: 2,
      iat: T0,
      key: root2.jwk,
    })
    h.server.keyset = { chain: [link], root: root2, claims: { ver: 2 } }
    h.clock.now = DUE
    expect((await renew(engine, false)).outcome).toBe('renewed')
    expect(engine.state.record.trust).toEqual({ keysetVersion: 2, rootVersion: 2, currentRoot: root2.jwk })
    h.server.keyset = { chain: [link], root: root2, claims: { ver: 1 } }
    h.clock.now = DUE + 3 * DAY
    const rolledBack = await renew(engine, true)
    expect(rolledBack).toMatchObject({ outcome: 'rejected', code: 'KEYSET_ROLLBACK' })
    expect(rolledBack.decision.state).toBe('renewal_due')
    h.server.keyset = { chain: [], root: ROOT, claims: { ver: 3 } } // signed by the retired root
    expect(await renew(engine, true)).toMatchObject({ outcome: 'rejected', code: 'ROOT_UNKNOWN' })
    const reopened = await h.engine()
    expect(reopened.decide().state).toBe('renewal_due')
    expect(reopened.state.trust()).toMatchObject({ keysetVersion: 2, rootVersion: 2, currentRoot: root2.jwk })
  })

  it('leaves renewal to another process that is renewing, and adopts its result', async () => {
    const { engine } = await activated()
    const other = await h.engine()
    h.clock.now = DUE
    const busy = await withLock(h.dir, '.renew.lock', () => renew(engine, false))
    expect(busy.outcome).toBe('busy')
    expect((await renew(other, false)).outcome).toBe('renewed')
    expect((await renew(engine, false)).outcome).toBe('renewed')
    expect(h.server.count('renew')).toBe(1)
    expect(engine.decide().license?.lease).toBe(other.decide().license?.lease)
  })

  it('never throws into the host, and its timers do not keep the process alive', async () => {
    h = await harness()
    const client = await h.activated()
    h.server.renew = async () => {
      throw new TypeError('boom')
    }
    h.clock.now = DUE
    const spy = vi.spyOn(globalThis, 'setTimeout')
    client.start()
    await vi.waitFor(() => expect(h.server.calls.length).toBeGreaterThan(0))
    await vi.waitFor(() => expect(spy.mock.results.length).toBeGreaterThan(1))
    for (const r of spy.mock.results) {
      const timer = r.value as ReturnType<typeof setTimeout>
      if (typeof timer === 'object' && 'hasRef' in timer && timer.hasRef()) {
        expect.fail('a timer keeps the process alive')
      }
    }
    client.stop()
    spy.mockRestore()
    expect(client.check().state).toBe('renewal_due')
    expect((await client.renew()).outcome).toBe('server_error')
  })
})
