// bundle.json: the canonical full valid bundle and its decision at the four instants of its timeline.
import { COMPONENTS, DEVICE, FEATURES, ROOT, T0 } from '../../packages/core/src/test-support/factory.js'
import { BUNDLE } from './bundle-fixture.js'
import { DAY, type Vector, type VectorFile, vector } from './common.js'
import { decision, type Expected, summary } from './decision-helpers.js'

/** The device had its last trusted contact at T0 (the bundle's status receipt). */
export const CONTACT = { trustedTime: T0, trustedAt: T0, highWater: T0 }
export const APP = { product: 'demo', version: '1.4.0', essential: ['view'] }
export const FULL = [...FEATURES]

/** The file-level context of evaluate vectors: everything evaluate() takes, see README. */
export const EVALUATE_CONTEXT = {
  roots: [ROOT.jwk],
  keysetVersion: 0,
  rootVersion: 0,
  bundle: BUNDLE,
  store: 'ok',
  now: T0,
  device: { id: DEVICE.thumbprint, components: COMPONENTS },
  clock: CONTACT,
  app: APP,
  status: null,
  revocations: null,
  clockTolerance: null,
}

/** A system clock reading `now` after the contact at T0, no rollback: time = now. */
export const after = (now: number) => ({
  clock: { ...CONTACT, highWater: Math.max(now, CONTACT.highWater) },
  time: now,
  license: summary(),
})

export function evaluateVector(
  name: string,
  e: Expected,
  context: object = {},
  description?: string,
): Vector {
  return vector({
    name,
    kind: 'evaluate',
    ...(description ? { description } : {}),
    context: context as Record<string, unknown>,
    expect: { decision: decision(e) as unknown as Record<string, unknown> },
  })
}

export function bundleFile(): VectorFile {
  const at = (now: number) => ({ now })
  return {
    description:
      'The canonical full valid bundle (context.bundle; identical to test-support makeBundle()): lease ' +
      'iat/nbf T0, ren T0+3d, exp T0+7d, grc T0+10d, ofw 7d, fallback limited; last trusted contact T0. ' +
      'Each vector runs evaluate() at one instant (epoch seconds, T0 = 2026-01-01T00:00:00Z).',
    context: EVALUATE_CONTEXT,
    vectors: [
      evaluateVector(
        'active',
        { state: 'active', features: FULL, deadline: T0 + 3 * DAY, ...after(T0 + DAY) },
        at(T0 + DAY),
      ),
      evaluateVector(
        'renewal-due-from-ren',
        {
          state: 'renewal_due',
          features: FULL,
          deadline: T0 + 7 * DAY,
          trace: { offline: ['warn', 'RENEWAL_DUE'] },
          ...after(T0 + 3 * DAY),
        },
        at(T0 + 3 * DAY),
      ),
      evaluateVector(
        'renewal-due',
        {
          state: 'renewal_due',
          features: FULL,
          deadline: T0 + 7 * DAY,
          trace: { offline: ['warn', 'RENEWAL_DUE'] },
          ...after(T0 + 4 * DAY),
        },
        at(T0 + 4 * DAY),
      ),
      evaluateVector(
        'offline-grace',
        {
          state: 'offline_grace',
          features: FULL,
          deadline: T0 + 10 * DAY,
          trace: { offline: ['warn', 'IN_GRACE'] },
          ...after(T0 + 8 * DAY),
        },
        at(T0 + 8 * DAY),
      ),
      evaluateVector(
        'limited-after-grace',
        {
          state: 'limited',
          features: ['view'],
          deadline: null,
          trace: { offline: ['warn', 'GRACE_ENDED'] },
          ...after(T0 + 11 * DAY),
        },
        at(T0 + 11 * DAY),
      ),
    ],
  }
}
