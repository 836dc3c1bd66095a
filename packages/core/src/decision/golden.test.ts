import { describe, expect, it } from 'vitest'
import { nodeCrypto } from '../../../crypto-node/src/index.js'
import { nobleCrypto } from '../crypto/noble-provider.js'
import { decisionInput } from '../test-support/decision-input.js'
import {
  COMPONENTS,
  DAY,
  DEVICE,
  FEATURES,
  fingerprintComponent,
  keysetClaims,
  keysetEntry,
  LEASE_ID,
  LEASE_KEY,
  leaseClaims,
  makeBundle,
  ROOT,
  STATUS_KEY,
  sign,
  statusClaims,
  T0,
  testKey,
} from '../test-support/factory.js'
import { evaluate } from './evaluate.js'
import { type DecisionState, type EvaluationInput, REASON_CODES, type ReasonCode } from './types.js'

interface Golden {
  name: string
  input: () => Promise<EvaluationInput>
  state: DecisionState
  reasons: ReasonCode[]
  features?: string[]
  deadline?: number | null
}

const at =
  (now: number, over: Partial<EvaluationInput> = {}) =>
  async () =>
    decisionInput(await makeBundle(), { now, ...over })
const withBundle =
  (make: () => ReturnType<typeof makeBundle>, over: Partial<EvaluationInput> = {}) =>
  async () =>
    decisionInput(await make(), over)
const replaceLease = (lease: () => Promise<string>) => async () => ({
  ...(await makeBundle()),
  lease: await lease(),
})
const ALL = [...FEATURES]
const ROOT2 = testKey('root-2')

const GOLDEN: Golden[] = [
  {
    name: 'fresh lease',
    input: at(T0 + 60),
    state: 'active',
    reasons: [],
    features: ALL,
    deadline: T0 + 3 * DAY,
  },
  {
    name: 'past renew-after',
    input: at(T0 + 4 * DAY),
    state: 'renewal_due',
    reasons: ['RENEWAL_DUE'],
    features: ALL,
    deadline: T0 + 7 * DAY,
  },
  {
    name: 'offline window over, in grace',
    input: at(T0 + 8 * DAY),
    state: 'offline_grace',
    reasons: ['IN_GRACE'],
    features: ALL,
    deadline: T0 + 10 * DAY,
  },
  {
    name: 'grace over, fallback limited',
    input: at(T0 + 11 * DAY),
    state: 'limited',
    reasons: ['GRACE_ENDED'],
    features: ['view'],
    deadline: null,
  },
  {
    name: 'grace over, fallback deny',
    input: withBundle(() => makeBundle({ lease: { fbk: 'deny' } }), { now: T0 + 11 * DAY }),
    state: 'expired',
    reasons: ['GRACE_ENDED'],
    features: [],
    deadline: null,
  },
  {
    name: 'status receipt says revoked',
    input: withBundle(() =>
      makeBundle({ status: { sts: 'revoked', rvk: { k: 'license', at: T0, rsn: 'refund' } } }),
    ),
    state: 'revoked',
    reasons: ['REVOKED'],
    features: [],
  },
  {
    name: 'newer stored receipt says revoked',
    input: async () =>
      decisionInput(await makeBundle(), {
        status: await sign(
          'status',
          STATUS_KEY,
          'k-status-1',
          statusClaims({ iat: T0 + 30, sts: 'revoked', rvk: { k: 'device', at: T0 + 30, rsn: 'stolen' } }),
        ),
      }),
    state: 'revoked',
    reasons: ['REVOKED'],
  },
  {
    name: 'revocation list names the lease',
    input: at(T0 + 60, {
      revocations: { product: 'demo', seq: 3, entries: [{ k: 'lease', id: LEASE_ID, at: T0 }] },
    }),
    state: 'revoked',
    reasons: ['REVOKED'],
  },
  {
    name: 'nothing stored',
    input: async () => decisionInput(null),
    state: 'invalid',
    reasons: ['NOT_ACTIVATED'],
  },
  {
    name: 'store corrupt',
    input: at(T0 + 60, { store: 'corrupt' }),
    state: 'limited',
    reasons: ['STORE_CORRUPT'],
    features: ['view'],
  },
  {
    name: 'key set signature forged',
    input: async () => {
      const bundle = await makeBundle()
      return decisionInput({
        ...bundle,
        keyset: await sign('keyset', ROOT2, ROOT.thumbprint, keysetClaims()),
      })
    },
    state: 'invalid',
    reasons: ['KEYSET_INVALID'],
  },
  {
    name: 'look-alike verified bundle',
    input: async () => {
      const forged = { verified: true, lease: { aud: 'demo' } } as unknown as EvaluationInput['bundle']
      return decisionInput(null, { store: 'ok', bundle: forged })
    },
    state: 'invalid',
    reasons: ['KEYSET_INVALID'],
  },
  {
    name: 'key set older than one seen',
    input: at(T0 + 60, { trust: { roots: [ROOT.jwk], keysetVersion: 5, rootVersion: 0 } }),
    state: 'invalid',
    reasons: ['KEYSET_ROLLBACK'],
  },
  {
    name: 'key set expired',
    input: withBundle(() => makeBundle({ keyset: { exp: T0 + DAY } }), { now: T0 + 2 * DAY }),
    state: 'limited',
    reasons: ['KEYSET_EXPIRED'],
    features: ['view'],
    deadline: null,
  },
  {
    name: 'key set expires before renew-after: its expiry is the next change',
    input: withBundle(() => makeBundle({ keyset: { exp: T0 + 2 * DAY } })),
    state: 'active',
    reasons: [],
    deadline: T0 + 2 * DAY,
  },
  {
    name: 'key set expired, fallback deny: expires at the end of grace',
    input: withBundle(() => makeBundle({ keyset: { exp: T0 + DAY }, lease: { fbk: 'deny' } }), {
      now: T0 + 2 * DAY,
    }),
    state: 'limited',
    reasons: ['KEYSET_EXPIRED'],
    features: ['view'],
    deadline: T0 + 10 * DAY,
  },
  {
    name: 'app version not covered, fallback deny: expires at the end of grace',
    input: withBundle(() => makeBundle({ lease: { vmx: '2.0.0', fbk: 'deny' } })),
    state: 'limited',
    reasons: ['APP_VERSION_NOT_COVERED'],
    features: ['view'],
    deadline: T0 + 10 * DAY,
  },
  {
    name: 'lease not valid yet: the next change is its not-before minus the tolerance',
    input: withBundle(() => makeBundle({ lease: { nbf: T0 + DAY, iat: T0 + DAY - 100 } })),
    state: 'invalid',
    reasons: ['NOT_YET_VALID'],
    deadline: T0 + DAY - 120,
  },
  {
    name: 'key set by an unknown root',
    input: withBundle(() => makeBundle({ root: ROOT2 })),
    state: 'invalid',
    reasons: ['ROOT_UNKNOWN'],
  },
  {
    name: 'rotation link forged',
    input: async () => {
      const link = await sign('root', ROOT2, ROOT.thumbprint, {
        v: 1,
        iss: 'x',
        ver: 2,
        iat: T0,
        key: ROOT2.jwk,
      })
      return decisionInput(await makeBundle({ chain: [link], root: ROOT2 }))
    },
    state: 'invalid',
    reasons: ['ROOT_ROTATION_INVALID'],
  },
  {
    name: 'lease signed by another key',
    input: withBundle(replaceLease(() => sign('lease', STATUS_KEY, 'k-lease-1', leaseClaims()))),
    state: 'invalid',
    reasons: ['LEASE_INVALID'],
  },
  {
    name: 'lease kid unknown',
    input: withBundle(replaceLease(() => sign('lease', LEASE_KEY, 'k-gone', leaseClaims()))),
    state: 'invalid',
    reasons: ['KEY_UNKNOWN'],
  },
  {
    name: 'lease signed by a status key',
    input: withBundle(replaceLease(() => sign('lease', STATUS_KEY, 'k-status-1', leaseClaims()))),
    state: 'invalid',
    reasons: ['KEY_WRONG_PURPOSE'],
  },
  {
    name: 'lease issued after its key retired',
    input: withBundle(() =>
      makeBundle({ keyset: { keys: [keysetEntry('k-lease-1', LEASE_KEY, ['lease'], T0 - DAY, T0 - 1)] } }),
    ),
    state: 'invalid',
    reasons: ['KEY_OUTSIDE_WINDOW'],
  },
  {
    name: 'lease of another issuer (its key is not in this key set)',
    input: withBundle(
      replaceLease(() => sign('lease', testKey('elsewhere-lease'), 'k-else-1', leaseClaims())),
    ),
    state: 'invalid',
    reasons: ['KEY_UNKNOWN'],
  },
  {
    name: 'receipt naming another issuer than the key set',
    input: withBundle(() => makeBundle({ status: { iss: 'elsewhere' } })),
    state: 'invalid',
    reasons: ['BUNDLE_INVALID'],
  },
  {
    name: 'receipt about another license',
    input: withBundle(() => makeBundle({ status: { sub: 'lic_02' } })),
    state: 'invalid',
    reasons: ['BUNDLE_INVALID'],
  },
  {
    name: 'lease of another product',
    input: at(T0 + 60, { app: { product: 'other' } }),
    state: 'invalid',
    reasons: ['WRONG_PRODUCT'],
  },
  {
    name: 'lease not valid yet',
    input: withBundle(() => makeBundle({ lease: { nbf: T0 + DAY, iat: T0 + DAY - 100 } })),
    state: 'invalid',
    reasons: ['NOT_YET_VALID'],
  },
  {
    name: 'store copied to another device key',
    input: at(T0 + 60, { device: { id: testKey('device-2').thumbprint, components: COMPONENTS } }),
    state: 'invalid',
    reasons: ['DEVICE_MISMATCH'],
  },
  {
    name: 'device key copied to other hardware',
    input: at(T0 + 60, { device: { id: DEVICE.thumbprint, components: COMPONENTS.slice(0, 2) } }),
    state: 'invalid',
    reasons: ['FINGERPRINT_MISMATCH'],
  },
  {
    name: 'one component changed (new disk)',
    input: async () => {
      const input = decisionInput(await makeBundle())
      return {
        ...input,
        device: {
          ...input.device,
          components: [...COMPONENTS.slice(0, 5), fingerprintComponent('disk', 'new')],
        },
      }
    },
    state: 'active',
    reasons: ['FINGERPRINT_CHANGED'],
    features: ALL,
  },
  {
    name: 'stored receipt forged',
    input: at(T0 + 60, { status: 'e30.e30.AAAA' }),
    state: 'invalid',
    reasons: ['STATUS_INVALID'],
  },
  {
    name: 'long lease, check-in window missed',
    input: withBundle(() => makeBundle({ lease: { exp: T0 + 30 * DAY, grc: T0 + 33 * DAY, ofw: 7 * DAY } }), {
      now: T0 + 8 * DAY,
    }),
    state: 'offline_grace',
    reasons: ['OFFLINE_TOO_LONG', 'IN_GRACE'],
    deadline: T0 + 10 * DAY,
  },
  {
    name: 'app newer than the license covers',
    input: withBundle(() => makeBundle({ lease: { vmx: '2.0.0' } })),
    state: 'limited',
    reasons: ['APP_VERSION_NOT_COVERED'],
    features: ['view'],
  },
  {
    name: 'clock set back five days',
    input: at(T0 + 60, { clock: { trustedTime: T0, trustedAt: T0, highWater: T0 + 5 * DAY } }),
    state: 'renewal_due',
    reasons: ['RENEWAL_DUE', 'CLOCK_ROLLBACK'],
  },
  {
    name: 'older feature names mapped by the app',
    input: withBundle(() => makeBundle({ lease: { fts: ['export-legacy'], edn: 'classic' } }), {
      app: {
        product: 'demo',
        features: ['export', 'view', 'sync'],
        compat: { aliases: { export: ['export-legacy'] }, editions: { classic: ['sync'] } },
      },
    }),
    state: 'active',
    reasons: [],
    features: ['export', 'sync', 'view'],
  },
]

describe.each([
  ['noble', nobleCrypto],
  ['node', nodeCrypto],
])('golden decisions (%s)', (_name, crypto) => {
  it.each(GOLDEN)('$name → $state', async (row) => {
    const decision = evaluate(await row.input(), crypto)
    expect(decision.state).toBe(row.state)
    expect(decision.reasons).toEqual(row.reasons)
    if (row.features) expect(decision.features).toEqual(row.features)
    if (row.deadline !== undefined) expect(decision.deadline).toBe(row.deadline)
    expect(decision.trace.map((t) => t.step)).toEqual([
      'store',
      'keyset',
      'lease',
      'claims',
      'device',
      'revocation',
      'offline',
      'compatibility',
      'clock',
    ])
  })
})

describe('golden table', () => {
  it('covers every state and every reason code', () => {
    const states = new Set(GOLDEN.map((g) => g.state))
    const reasons = new Set(GOLDEN.flatMap((g) => g.reasons))
    expect([...states].sort()).toEqual(
      ['active', 'renewal_due', 'offline_grace', 'limited', 'expired', 'revoked', 'invalid'].sort(),
    )
    expect([...reasons].sort()).toEqual([...REASON_CODES].sort())
  })
})
