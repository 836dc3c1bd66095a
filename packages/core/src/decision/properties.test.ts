import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { nodeCrypto as crypto } from '../../../crypto-node/src/index.js'
import type { Bundle } from '../bundle/bundle.js'
import { verifyBundle } from '../bundle/verify-bundle.js'
import { verifyKeyset } from '../keyset/verify-keyset.js'
import { applyRevocationList } from '../revocation/revocation-list.js'
import { codeOf } from '../test-support/codes.js'
import { decisionInput } from '../test-support/decision-input.js'
import { DAY, keysetClaims, makeBundle, ROOT, STATUS_KEY, sign, T0, TRUST } from '../test-support/factory.js'
import { evaluate } from './evaluate.js'
import { DECISION_STATES, type Decision, type DecisionState } from './types.js'

const ORDER: readonly DecisionState[] = DECISION_STATES // most access first
const rank = (d: Decision) => ORDER.indexOf(d.state)
const subset = (a: string[], b: string[]) => a.every((f) => b.includes(f))
const time = fc.integer({ min: T0 - DAY, max: T0 + 40 * DAY })
// Trusted time from the lease's issuance on: before nbf a lease is simply not valid yet, and
// becoming valid is the one way time may grant more.
const clock = fc.record({
  trustedTime: fc.integer({ min: T0, max: T0 + 2 * DAY }),
  trustedAt: fc.integer({ min: T0 - 2 * DAY, max: T0 + 2 * DAY }),
  highWater: fc.integer({ min: T0 - 2 * DAY, max: T0 + 20 * DAY }),
})

let bundle: Bundle
let revokedBundle: Bundle
beforeAll(async () => {
  bundle = await makeBundle()
  revokedBundle = await makeBundle({
    status: { sts: 'revoked', rvk: { k: 'license', at: T0, rsn: 'chargeback' } },
  })
})

describe('properties of tokens and evaluate', () => {
  it('rejects any single-byte change anywhere in any token of a bundle', () => {
    const parts = ['keyset', 'lease', 'access', 'status'] as const
    fc.assert(
      fc.property(
        fc.constantFrom(...parts),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (part, pos, delta) => {
          const token = bundle[part]
          const i = pos % token.length
          const mutated =
            token.slice(0, i) + String.fromCharCode((token.charCodeAt(i) + delta) % 256) + token.slice(i + 1)
          expect(codeOf(() => verifyBundle({ ...bundle, [part]: mutated }, TRUST, crypto))).not.toBe('ok')
          const decision = evaluate(decisionInput({ ...bundle, [part]: mutated }), crypto)
          expect(decision.state).toBe('invalid')
        },
      ),
      { numRuns: 400 },
    )
  })

  it('is deterministic: the same input gives the same decision', () => {
    fc.assert(
      fc.property(time, clock, (now, c) => {
        const input = decisionInput(bundle, { now, clock: c })
        expect(evaluate(input, crypto)).toEqual(evaluate(structuredClone(input), crypto))
      }),
    )
  })

  it('never grants more as time moves forward without a new bundle', () => {
    fc.assert(
      fc.property(time, fc.integer({ min: 0, max: 20 * DAY }), clock, (now, step, c) => {
        const first = evaluate(decisionInput(bundle, { now, clock: c }), crypto)
        const later = evaluate(decisionInput(bundle, { now: now + step, clock: first.clock }), crypto)
        expect(rank(later)).toBeGreaterThanOrEqual(rank(first))
        expect(subset(later.features, first.features)).toBe(true)
      }),
    )
  })

  it('never extends access when the clock is set back', () => {
    fc.assert(
      fc.property(time, fc.integer({ min: 1, max: 30 * DAY }), clock, (now, back, c) => {
        const first = evaluate(decisionInput(bundle, { now, clock: c }), crypto)
        const rolled = evaluate(decisionInput(bundle, { now: now - back, clock: first.clock }), crypto)
        expect(rank(rolled)).toBeGreaterThanOrEqual(rank(first))
        expect(subset(rolled.features, first.features)).toBe(true)
        expect(rolled.time).toBeGreaterThanOrEqual(first.time)
      }),
    )
  })

  it('never yields active for a revoked license, whatever the time or clock', () => {
    fc.assert(
      fc.property(time, clock, (now, c) => {
        const decision = evaluate(decisionInput(revokedBundle, { now, clock: c }), crypto)
        expect(decision.state).not.toBe('active')
        expect(decision.features).toEqual([])
      }),
    )
  })

  it('never accepts a lower key set version than one seen', async () => {
    const tokens = new Map<number, string>()
    for (let v = 1; v <= 6; v++)
      tokens.set(v, await sign('keyset', ROOT, ROOT.thumbprint, keysetClaims({ ver: v })))
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 6 }), (seen, offered) => {
        const outcome = codeOf(() =>
          verifyKeyset([], tokens.get(offered)!, { ...TRUST, keysetVersion: seen }, crypto),
        )
        expect(outcome).toBe(offered >= seen ? 'ok' : 'KEYSET_ROLLBACK')
      }),
    )
  })

  it('never accepts a lower revocation list version than one held', async () => {
    const keyset = verifyKeyset(
      [],
      await sign('keyset', ROOT, ROOT.thumbprint, keysetClaims()),
      TRUST,
      crypto,
    )
    const lists = new Map<number, string>()
    for (let seq = 1; seq <= 6; seq++) {
      const claims = { v: 1, iss: 'tessera-test', aud: 'demo', seq, frm: 0, iat: T0, exp: T0 + DAY, ent: [] }
      lists.set(seq, await sign('revocations', STATUS_KEY, 'k-status-1', claims))
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 6 }), (held, offered) => {
        const state = held === 0 ? null : { product: 'demo', seq: held, entries: [] }
        const outcome = codeOf(() => applyRevocationList(state, lists.get(offered)!, keyset, 'demo', crypto))
        expect(outcome).toBe(offered >= held ? 'ok' : 'REVOCATION_ROLLBACK')
      }),
    )
  })
})
