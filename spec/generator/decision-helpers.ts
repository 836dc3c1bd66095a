// Hand-written expected decisions: the trace, reasons and summary evaluate() must produce.
import type {
  Decision,
  LeaseClaims,
  ReasonCode,
  StepName,
  TraceEntry,
} from '../../packages/core/src/index.js'
import { DEVICE, leaseClaims } from '../../packages/core/src/test-support/factory.js'

const STEPS: StepName[] = [
  'store',
  'keyset',
  'lease',
  'claims',
  'device',
  'revocation',
  'offline',
  'compatibility',
  'clock',
]

type Outcome = 'pass' | 'warn' | 'fail' | 'skip'
/** Per step: its outcome and reasons, plus the underlying error code of a failed check. */
export type StepSpec = Outcome | [Outcome, ...ReasonCode[]] | { fail: ReasonCode; error: string }

/** The nine trace entries: `pass` unless given; every step after a failing one is `skip`. */
export function trace(spec: Partial<Record<StepName, StepSpec>> = {}): TraceEntry[] {
  let failed = false
  return STEPS.map((step): TraceEntry => {
    if (failed) return { step, outcome: 'skip', reasons: [] }
    const s = spec[step] ?? 'pass'
    if (typeof s === 'string') {
      failed = s === 'fail'
      return { step, outcome: s, reasons: [] }
    }
    if (Array.isArray(s)) {
      const [outcome, ...reasons] = s
      failed = outcome === 'fail'
      return { step, outcome, reasons }
    }
    failed = true
    return { step, outcome: 'fail', reasons: [s.fail], error: s.error }
  })
}

/** Reasons in trace order: what evaluate() reports. */
export function reasonsOf(entries: TraceEntry[]): ReasonCode[] {
  return entries.flatMap((e) => e.reasons)
}

export function summary(lease: LeaseClaims = leaseClaims()): NonNullable<Decision['license']> {
  return {
    license: lease.sub,
    product: lease.aud,
    edition: lease.edn,
    lease: lease.jti,
    device: DEVICE.thumbprint,
    issuedAt: lease.iat,
    renewAfter: lease.ren,
    expiresAt: lease.exp,
    graceUntil: lease.grc,
  }
}

export interface Expected {
  state: Decision['state']
  features: string[]
  deadline: number | null
  trace?: Partial<Record<StepName, StepSpec>>
  /** Reasons when they differ from the trace order (never, today). */
  reasons?: ReasonCode[]
  clock: Decision['clock']
  time: number
  license: Decision['license']
}

/** A Decision object with evaluate()'s member order. */
export function decision(e: Expected): Decision {
  const entries = trace(e.trace)
  return {
    state: e.state,
    features: e.features,
    deadline: e.deadline,
    reasons: e.reasons ?? reasonsOf(entries),
    trace: entries,
    clock: e.clock,
    time: e.time,
    license: e.license,
  }
}
