import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { nodeCrypto as crypto } from '../../../crypto-node/src/index.js'
import type { Bundle } from '../bundle/bundle.js'
import { verifyBundle } from '../bundle/verify-bundle.js'
import { verifyKeyset } from '../keyset/verify-keyset.js'
import { applyRevocationList } from '../revocation/revocation-list.js'
import { codeOf } from '../test-support/codes.js'
import { decisionInput } from '../test-support/decision-input.js'
import {
  DAY,
  keysetClaims,
  makeBundle,
  makeBundleNow,
  ROOT,
  STATUS_KEY,
  sign,
  T0,
  TRUST,
} from '../test-support/factory.js'
import { nowForTrustedTime, revokedInputArb, unrevokedInputArb } from '../test-support/scenarios.js'
import { evaluate } from './evaluate.js'
import { DECISION_STATES, type Decision, type DecisionState } from './types.js'

const ORDER: readonly DecisionState[] = DECISION_STATES // most access first
const rank = (d: Decision) => ORDER.indexOf(d.state)
const subset = (a: string[], b: string[]) => a.every((f) => b.includes(f))

let bundle: Bundle
beforeAll(async () => {
  bundle = await makeBundle()
})

describe('properties of tokens and evaluate', () => {
  it('generates bundles with the bytes of makeBundle (the arbitraries sign synchronously)', () => {
    expect(makeBundleNow()).toEqual(bundle)
  })

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

  it('is deterministic over varied inputs: the same input gives the same decision', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          unrevokedInputArb,
          revokedInputArb.map((r) => r.input),
        ),
        (input) => {
          expect(evaluate(input, crypto)).toEqual(evaluate(structuredClone(input), crypto))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('never grants more as time moves forward without a new bundle, whatever the policy', () => {
    fc.assert(
      fc.property(unrevokedInputArb, fc.integer({ min: 0, max: 20 * DAY }), (input, step) => {
        const first = evaluate(input, crypto)
        // Becoming valid at its not-before is the one way time may grant more.
        if (first.reasons.includes('NOT_YET_VALID')) return
        const later = evaluate({ ...input, now: input.now + step, clock: first.clock }, crypto)
        expect(rank(later)).toBeGreaterThanOrEqual(rank(first))
        expect(subset(later.features, first.features)).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('never extends access when the clock is set back', () => {
    fc.assert(
      fc.property(unrevokedInputArb, fc.integer({ min: 1, max: 30 * DAY }), (input, back) => {
        const first = evaluate(input, crypto)
        const rolled = evaluate({ ...input, now: input.now - back, clock: first.clock }, crypto)
        expect(rank(rolled)).toBeGreaterThanOrEqual(rank(first))
        expect(subset(rolled.features, first.features)).toBe(true)
        expect(rolled.time).toBeGreaterThanOrEqual(first.time)
      }),
      { numRuns: 80 },
    )
  })

  it('never yields active for a license, device or lease revoked by receipt, stored receipt or list', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(revokedInputArb, ({ input, via }) => {
        const decision = evaluate(input, crypto)
        expect(['revoked', 'invalid']).toContain(decision.state)
        expect(decision.features).toEqual([])
        if (decision.state === 'revoked') seen.add(via)
      }),
      { numRuns: 100 },
    )
    expect([...seen].sort()).toEqual(['bundle status', 'revocation list', 'stored status'])
  })

  it('reports as deadline the first time the state changes, and null only when it never does', () => {
    fc.assert(
      fc.property(unrevokedInputArb, (input) => {
        const decision = evaluate(input, crypto)
        const stateAt = (t: number) => {
          const later = evaluate({ ...input, now: nowForTrustedTime(input, t) }, crypto)
          expect(later.time).toBe(t)
          return later.state
        }
        if (decision.deadline === null) {
          for (const far of [30 * DAY, 400 * DAY, 4000 * DAY])
            expect(stateAt(decision.time + far)).toBe(decision.state)
          return
        }
        expect(decision.deadline).toBeGreaterThan(decision.time)
        expect(stateAt(decision.deadline - 1)).toBe(decision.state)
        expect(stateAt(decision.deadline)).not.toBe(decision.state)
      }),
      { numRuns: 120 },
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
