import type { Bundle } from '../bundle/bundle.js'
import type { EvaluationInput } from '../decision/types.js'
import { COMPONENTS, DEVICE, PRODUCT, T0, TRUST } from './factory.js'

/** A decision input for the factory's bundle on the factory's device, at T0 unless told otherwise. */
export function decisionInput(bundle: Bundle | null, over: Partial<EvaluationInput> = {}): EvaluationInput {
  return {
    now: T0 + 60,
    store: bundle ? 'ok' : 'missing',
    bundle,
    trust: TRUST,
    device: { id: DEVICE.thumbprint, components: COMPONENTS },
    clock: { trustedTime: T0, trustedAt: T0, highWater: T0 },
    app: { product: PRODUCT, version: '2.1.0', essential: ['view'] },
    ...over,
  }
}
