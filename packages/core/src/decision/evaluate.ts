import type { RecordedBundle } from '../bundle/bundle.js'
import { isVerifiedBundle, type VerifiedBundle, verifyBundleTokens } from '../bundle/verify-bundle.js'
import type { CryptoProvider } from '../crypto/provider.js'
import { isKeysetExpired, verifyKeyset } from '../keyset/verify-keyset.js'
import { DEFAULT_CLOCK_TOLERANCE } from '../tokens/time-window.js'
import { ChainRun } from './chain-run.js'
import { assessClock, type ClockAssessment } from './clock.js'
import { reasonForBundleError } from './error-reasons.js'
import { essentialFeatures } from './features.js'
import { judgeLease } from './judge-lease.js'
import type { Decision, EvaluationInput } from './types.js'

/**
 * The offline decision: a pure function of its input (plus the injected crypto, which only
 * verifies). Runs the chain store → key set → lease → claims → device → revocation → offline
 * window → compatibility → clock and returns the state, granted features, the deadline of the
 * next state change, reason codes and a trace. Same input, same decision.
 */
export function evaluate(input: EvaluationInput, crypto: CryptoProvider): Decision {
  const tolerance = input.clockTolerance ?? DEFAULT_CLOCK_TOLERANCE
  const clock = assessClock(input.now, input.clock, tolerance)
  const run = new ChainRun()
  if (input.store === 'corrupt') {
    run.fail('store', 'STORE_CORRUPT')
    return early(run, clock, 'limited', essentialFeatures(null, input.app))
  }
  if (input.store === 'missing' || input.bundle === null) {
    run.fail('store', 'NOT_ACTIVATED')
    return early(run, clock, 'invalid', [])
  }
  run.pass('store')
  const verified = verifyStage(input.bundle, input, crypto, run)
  if (!verified) return early(run, clock, 'invalid', [])
  if (isKeysetExpired(verified.keyset, clock.time)) run.amend('keyset', 'KEYSET_EXPIRED')
  return judgeLease({ input, verified, clock, run, tolerance, crypto })
}

function verifyStage(
  bundle: RecordedBundle | VerifiedBundle,
  input: EvaluationInput,
  crypto: CryptoProvider,
  run: ChainRun,
): VerifiedBundle | null {
  if (isVerifiedBundle(bundle)) {
    run.pass('keyset')
    run.pass('lease')
    return bundle
  }
  const raw = bundle as RecordedBundle
  let keyset: ReturnType<typeof verifyKeyset>
  try {
    keyset = verifyKeyset(raw.chain, raw.keyset, input.trust, crypto)
  } catch (err) {
    run.fail('keyset', reasonForBundleError(err, true), err)
    return null
  }
  run.pass('keyset')
  try {
    const verified = verifyBundleTokens(raw, keyset, crypto)
    run.pass('lease')
    return verified
  } catch (err) {
    run.fail('lease', reasonForBundleError(err, false), err)
    return null
  }
}

function early(
  run: ChainRun,
  clock: ClockAssessment,
  state: Decision['state'],
  features: string[],
): Decision {
  run.skipRest()
  return {
    state,
    features,
    deadline: null,
    reasons: run.reasons,
    trace: run.trace,
    clock: clock.next,
    time: clock.time,
    license: null,
  }
}
