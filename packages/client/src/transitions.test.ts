// Transitions of DESIGN's state machine that lifecycle.test.ts does not walk, through the public
// client with an injected clock and the in-memory server. Each test checks the state, the reason
// codes, and that access never widens when it should not (a refused answer changes nothing).
import { type Bundle, type Decision, decodeJws } from '@tessera/core'
import { afterEach, describe, expect, it } from 'vitest'
import { DAY, keysetEntry, LEASE_KEY, STATUS_KEY, sign, T0 } from '../../core/src/test-support/factory.js'
import type { TesseraClient } from './client.js'
import type { FakeServer } from './test-support/fake-server.js'
import { ALL_FEATURES as ALL, type Harness, harness, LICENSE_KEY } from './test-support/harness.js'
import { DEFAULT_KEYSET, statusReceipt } from './test-support/server-tokens.js'

let h: Harness
afterEach(async () => h?.cleanup())

/** The decision without the clock fields, which move with every check. */
function access(decision: Decision) {
  const { clock: _clock, time: _time, ...rest } = decision
  return rest
}

/** Features of `after` are a subset of those of `before`: access did not widen. */
function expectNoWider(before: Decision, after: Decision): void {
  for (const feature of after.features) expect(before.features).toContain(feature)
}

/** Re-signs every lease the server issues from now on after `change` (e.g. a shorter `ofw`). */
function amendLeases(server: FakeServer, change: (claims: Record<string, unknown>) => object): void {
  const amend = async (bundle: Bundle): Promise<{ bundle: Bundle }> => {
    const claims = decodeJws(bundle.lease, 'lease').payload as Record<string, unknown>
    return { bundle: { ...bundle, lease: await sign('lease', LEASE_KEY, 'k-lease-1', change(claims)) } }
  }
  const activate = server.activate.bind(server)
  const renew = server.renew.bind(server)
  server.activate = async (...args) => amend((await activate(...args)).bundle)
  server.renew = async (...args) => amend((await renew(...args)).bundle)
}

/** Replaces the status receipt of the next renewal answer with `forge(bundle)`. */
function forgeNextStatus(server: FakeServer, forge: (bundle: Bundle) => Promise<string> | string): void {
  const renew = server.renew.bind(server)
  server.renew = async (...args) => {
    server.renew = renew
    const { bundle } = await renew(...args)
    return { bundle: { ...bundle, status: await forge(bundle) } }
  }
}

/** Runs background work (check-ins, renewals) until `probe` holds, for at most two seconds. */
async function background(client: TesseraClient, probe: () => boolean): Promise<void> {
  client.start()
  const until = Date.now() + 2000
  while (!probe() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
  client.stop()
  expect(probe()).toBe(true)
}

describe('recovering by renewal', () => {
  it('expired → active: past grace with fallback deny, one renewal restores full access', async () => {
    h = await harness()
    h.server.policy.fallback = 'deny'
    const client = await h.activated()
    h.server.offline = true
    h.clock.now = T0 + 10 * DAY + 5
    const expired = client.check()
    expect(expired).toMatchObject({
      state: 'expired',
      features: [],
      reasons: ['GRACE_ENDED'],
      deadline: null,
    })
    expect((await client.renew()).outcome).toBe('offline')
    expect(access(client.check())).toEqual(access(expired))
    h.server.offline = false
    const result = await client.renew()
    expect(result.outcome).toBe('renewed')
    expect(result.decision).toMatchObject({
      state: 'active',
      features: ALL,
      reasons: [],
      deadline: h.clock.now + 3 * DAY,
    })
    expect(result.decision.license?.issuedAt).toBe(h.clock.now)
  })

  it('offline_grace → active: renewing while in grace', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 8 * DAY
    const grace = client.check()
    expect(grace).toMatchObject({
      state: 'offline_grace',
      features: ALL,
      reasons: ['IN_GRACE'],
      deadline: T0 + 10 * DAY,
    })
    const result = await client.renew()
    expect(result.outcome).toBe('renewed')
    expect(result.decision).toMatchObject({
      state: 'active',
      features: ALL,
      reasons: [],
      deadline: T0 + 11 * DAY,
    })
    expect(result.decision.license?.graceUntil).toBe(T0 + 18 * DAY)
    expect(result.decision.license?.lease).not.toBe(grace.license?.lease)
  })
})

describe('revocation learned at the next contact', () => {
  it('offline_grace → revoked at a renewal, and it stays revoked after a restart', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 8 * DAY
    const grace = client.check()
    expect(grace).toMatchObject({ state: 'offline_grace', reasons: ['IN_GRACE'] })
    h.server.license('lic_01').revoked = 'license'
    const result = await client.renew()
    expect(result).toMatchObject({ outcome: 'revoked', code: 'LICENSE_REVOKED', nextAttemptAt: null })
    expect(client.check()).toMatchObject({
      state: 'revoked',
      features: [],
      reasons: ['REVOKED'],
      deadline: null,
    })
    expectNoWider(grace, client.check())
    await client.close()
    expect((await h.open()).check()).toMatchObject({ state: 'revoked', features: [] })
  })

  it('limited → revoked at a background renewal: even the essential features go', async () => {
    h = await harness()
    const client = await h.activated()
    h.server.offline = true
    h.clock.now = T0 + 10 * DAY
    const limited = client.check()
    expect(limited).toMatchObject({ state: 'limited', features: ['view'], reasons: ['GRACE_ENDED'] })
    h.server.offline = false
    h.server.license('lic_01').revoked = 'device'
    await background(client, () => client.check().state === 'revoked')
    expect(client.check()).toMatchObject({ state: 'revoked', features: [], reasons: ['REVOKED'] })
    expect(h.server.count('renew')).toBe(1)
    expectNoWider(limited, client.check())
  })

  it('active → revoked at a background check-in, with no renewal', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + DAY // the check-in (every 6 h) is due; renewal is not (3 days)
    h.server.license('lic_01').revoked = 'license'
    await background(client, () => client.check().state === 'revoked')
    expect(client.check()).toMatchObject({ state: 'revoked', features: [], reasons: ['REVOKED'] })
    expect(h.server.count('status')).toBe(1)
    expect(h.server.count('renew')).toBe(0)
  })
})

describe('windows measured from trusted time', () => {
  it('active → limited by OFFLINE_TOO_LONG: the contact window closes before the lease expires', async () => {
    h = await harness()
    h.server.policy.grace = 0
    amendLeases(h.server, (claims) => ({ ...claims, ofw: 2 * DAY }))
    const client = await h.activated()
    expect(client.check()).toMatchObject({ state: 'active', reasons: [], deadline: T0 + 2 * DAY })
    // a check-in is a trusted contact: the window now runs from it
    h.clock.now = T0 + DAY
    await background(client, () => h.server.count('status') === 1 && client.check().deadline === T0 + 3 * DAY)
    h.clock.now = T0 + 3 * DAY - 1
    expect(client.check()).toMatchObject({ state: 'active', features: ALL, reasons: [] })
    h.clock.now = T0 + 3 * DAY
    const limited = client.check()
    expect(limited).toMatchObject({
      state: 'limited',
      features: ['view'],
      reasons: ['OFFLINE_TOO_LONG', 'GRACE_ENDED'],
      deadline: null,
    })
    expect(limited.license?.expiresAt).toBe(T0 + 7 * DAY) // the lease itself still runs
    const result = await client.renew()
    expect(result.decision).toMatchObject({ state: 'active', features: ALL, deadline: h.clock.now + 2 * DAY })
  })

  it('NOT_YET_VALID: a lease starting later than the trusted time (beyond the tolerance) grants nothing', async () => {
    h = await harness()
    amendLeases(h.server, (claims) => ({ ...claims, nbf: (claims.iat as number) + DAY }))
    const client = await h.activated()
    expect(client.check()).toMatchObject({ state: 'invalid', features: [], reasons: ['NOT_YET_VALID'] })
    h.clock.now = T0 + DAY - 121 // the tolerance is 120 s
    expect(client.check()).toMatchObject({ state: 'invalid', features: [], reasons: ['NOT_YET_VALID'] })
    await client.close()
    const reopened = await h.open()
    expect(reopened.check()).toMatchObject({ state: 'invalid', features: [], reasons: ['NOT_YET_VALID'] })
    h.clock.now = T0 + DAY - 120
    expect(reopened.check()).toMatchObject({ state: 'active', features: ALL, reasons: [] })
  })
})

describe('refused answers change nothing', () => {
  it('a lease signed by a key outside its validity window is refused at renewal and at activation', async () => {
    h = await harness()
    const window = (nbf: number, exp: number) => ({
      ...DEFAULT_KEYSET,
      claims: {
        keys: [
          keysetEntry('k-lease-1', LEASE_KEY, ['lease'], nbf, exp),
          keysetEntry('k-status-1', STATUS_KEY, ['status', 'time']),
        ],
      },
    })
    h.server.keyset = window(T0 - DAY, T0 + 2 * DAY) // the lease key retires after two days
    const client = await h.activated()
    h.clock.now = T0 + 4 * DAY
    const before = client.check()
    expect(before).toMatchObject({ state: 'renewal_due', features: ALL, reasons: ['RENEWAL_DUE'] })
    const result = await client.renew()
    expect(result).toMatchObject({ outcome: 'rejected', code: 'KEY_OUTSIDE_WINDOW' })
    // the stored lease was signed inside the window: it stays valid
    expect(access(client.check())).toEqual(access(before))
    expect(client.status().renewalPending).toBe(true)

    // a key not yet valid at activation: nothing is adopted
    const fresh = await harness()
    try {
      fresh.server.keyset = window(T0 + DAY, T0 + 9 * DAY)
      const newcomer = await fresh.open()
      await expect(newcomer.activate(LICENSE_KEY)).rejects.toMatchObject({ code: 'BUNDLE_REJECTED' })
      expect(newcomer.check()).toMatchObject({ state: 'invalid', features: [], reasons: ['NOT_ACTIVATED'] })
    } finally {
      await fresh.cleanup()
    }
  })

  it('a bundle whose status receipt does not verify is refused at renewal without changing access', async () => {
    h = await harness()
    const client = await h.activated()
    h.clock.now = T0 + 4 * DAY
    const before = client.check()
    expect(before).toMatchObject({ state: 'renewal_due', reasons: ['RENEWAL_DUE'] })
    const claimsOf = (bundle: Bundle) => decodeJws(bundle.status, 'status').payload
    const forgeries: [string, (bundle: Bundle) => Promise<string> | string][] = [
      // signed by the lease key, which may not sign status receipts
      ['KEY_WRONG_PURPOSE', (b) => sign('status', LEASE_KEY, 'k-lease-1', claimsOf(b))],
      // the first character of the signature changed (the last one carries only 2 bits, and a
      // fixed replacement there is sometimes no change at all)
      ['SIGNATURE_INVALID', (b) => changeSignatureStart(b.status)],
      // well signed, but about another device
      [
        'BUNDLE_INVALID',
        () =>
          statusReceipt(
            { license: 'lic_01', deviceId: 'another-device', fingerprint: [], edition: 'pro', features: [] },
            h.clock.now,
            99,
          ),
      ],
    ]
    for (const [code, forge] of forgeries) {
      forgeNextStatus(h.server, forge)
      const result = await client.renew()
      expect(result, code).toMatchObject({ outcome: 'rejected', code })
      expect(access(client.check())).toEqual(access(before))
    }
    expect(client.status().renewalPending).toBe(true)
    const good = await client.renew()
    expect(good.decision).toMatchObject({ state: 'active', features: ALL, reasons: [] })
  })

  it('key set expiry → limited; a renewal with the same expired key set does not lift it, a fresh one does', async () => {
    h = await harness()
    h.server.keyset = { ...DEFAULT_KEYSET, claims: { exp: T0 + 5 * DAY } }
    const client = await h.activated()
    h.clock.now = T0 + 5 * DAY - 1
    expect(client.check()).toMatchObject({ state: 'renewal_due', features: ALL, reasons: ['RENEWAL_DUE'] })
    h.clock.now = T0 + 5 * DAY + 1
    const frozen = client.check()
    expect(frozen).toMatchObject({
      state: 'limited',
      features: ['view'],
      reasons: ['KEYSET_EXPIRED', 'RENEWAL_DUE'],
      deadline: null,
    })
    const same = await client.renew()
    expect(same.outcome).toBe('renewed')
    expect(same.decision).toMatchObject({ state: 'limited', features: ['view'], reasons: ['KEYSET_EXPIRED'] })
    h.server.keyset = { ...DEFAULT_KEYSET, claims: { ver: 2, exp: T0 + 200 * DAY } }
    const renewed = await client.renew()
    expect(renewed.decision).toMatchObject({ state: 'active', features: ALL, reasons: [] })
  })
})

/** The token with the first character of its signature replaced by another one. */
function changeSignatureStart(token: string): string {
  const at = token.lastIndexOf('.') + 1
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`
}
