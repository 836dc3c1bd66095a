// revocations.json: signed full lists and deltas applied step by step (applyRevocationList).
import type { RevocationEntry, RevocationState } from '../../packages/core/src/index.js'
import { LEASE_KEY, STATUS_KEY, testKey } from '../../packages/core/src/test-support/factory.js'
import {
  DAY,
  type Expect,
  fail,
  ISSUER,
  ok,
  PRODUCT,
  SERVER_CONTEXT,
  type Step,
  T0,
  type VectorFile,
  vector,
} from './common.js'
import { token } from './jws.js'

const E1: RevocationEntry = { k: 'license', id: 'lic_09', at: T0 - 3 * DAY, rsn: 'refund' }
const E2: RevocationEntry = { k: 'device', id: testKey('device-9').thumbprint, at: T0 - 2 * DAY }
const E3: RevocationEntry = { k: 'lease', id: 'lea_07', at: T0 - DAY, rsn: 'fraud' }
const E1_AGAIN: RevocationEntry = { k: 'license', id: 'lic_09', at: T0 - DAY, rsn: 'chargeback' }

function list(frm: number, seq: number, ent: RevocationEntry[], over: object = {}, key = STATUS_KEY): string {
  const claims = { v: 1, iss: ISSUER, aud: PRODUCT, seq, frm, iat: T0, exp: T0 + 7 * DAY, ent, ...over }
  return token('revocations', key, key === STATUS_KEY ? 'k-status-1' : 'k-lease-1', claims)
}

const state = (seq: number, entries: RevocationEntry[]): RevocationState => ({
  product: PRODUCT,
  seq,
  entries,
})
const step = (tok: string, expect: Expect): Step => ({ token: tok, expect })
const good = (tok: string, seq: number, entries: RevocationEntry[]) =>
  step(tok, ok({ state: state(seq, entries) }))
const bad = (tok: string, code: Parameters<typeof fail>[0]) => step(tok, fail(code))

export function revocationsFile(): VectorFile {
  const full5 = list(0, 5, [E1, E2])
  const delta57 = list(5, 7, [E3, E1_AGAIN])
  const after5 = [E1, E2]
  const after7 = [E1, E2, E3]
  const run = (name: string, steps: Step[], description?: string, context?: object) =>
    vector({
      name,
      kind: 'revocations',
      ...(description ? { description } : {}),
      ...(context ? { context: context as Record<string, unknown> } : {}),
      steps,
      expect: ok(),
    })
  return {
    description:
      'Revocation lists. context.state is the initial RevocationState (null: none). Each step applies ' +
      'step.token with applyRevocationList(state, token, keyset, context.product); on success the state ' +
      'becomes expect.state, on error the state is unchanged. The vector-level expect is always valid.',
    context: { ...SERVER_CONTEXT, state: null },
    vectors: [
      run(
        'full-list-then-delta',
        [good(full5, 5, after5), good(delta57, 7, after7)],
        'A delta entry for an id already revoked keeps the first entry.',
      ),
      run('delta-onto-stored-state', [good(delta57, 7, after7)], undefined, { state: state(5, after5) }),
      run('newer-full-list-replaces', [good(full5, 5, after5), good(list(0, 9, [E3]), 9, [E3])]),
      run('same-version-full-list-replaces', [good(full5, 5, after5), good(list(0, 5, [E3]), 5, [E3])]),
      run('delta-gap', [good(full5, 5, after5), bad(list(6, 7, [E3]), 'REVOCATION_DELTA_GAP')]),
      run('delta-without-state', [bad(delta57, 'REVOCATION_DELTA_GAP')]),
      run(
        'delta-replayed',
        [good(full5, 5, after5), good(delta57, 7, after7), bad(delta57, 'REVOCATION_ROLLBACK')],
        'A delta already applied (frm 5, state 7) is a gap, not a rollback: its seq is not below the state.',
      ),
      run('rollback-full-list', [good(full5, 5, after5), bad(list(0, 3, [E1]), 'REVOCATION_ROLLBACK')]),
      run('rollback-delta', [good(full5, 5, after5), bad(list(3, 4, [E3]), 'REVOCATION_ROLLBACK')]),
      run('delta-not-raising-seq', [good(full5, 5, after5), bad(list(5, 5, [E3]), 'CLAIMS_INVALID')]),
      run('wrong-product', [bad(list(0, 5, [E1], { aud: 'other-product' }), 'WRONG_PRODUCT')]),
      run('signed-by-lease-key', [bad(list(0, 5, [E1], {}, LEASE_KEY), 'KEY_WRONG_PURPOSE')]),
      run('unknown-entry-kind', [bad(list(0, 5, [{ ...E1, k: 'account' as 'license' }]), 'CLAIMS_INVALID')]),
      run(
        'expired-list-still-applies',
        [good(list(0, 5, after5, { iat: T0 - DAY, exp: T0 - 3600 }), 5, after5)],
        'applyRevocationList takes no time: the exp claim is not checked (see FORMATS.md, open points).',
      ),
    ],
  }
}
