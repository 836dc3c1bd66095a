import { isTesseraError } from '../errors.js'
import type { ReasonCode, StepName, TraceEntry } from './types.js'

/** Accumulates the trace and reasons of one evaluation, in chain order. */
export class ChainRun {
  readonly trace: TraceEntry[] = []
  readonly reasons: ReasonCode[] = []

  pass(step: StepName): void {
    this.trace.push({ step, outcome: 'pass', reasons: [] })
  }

  warn(step: StepName, ...reasons: ReasonCode[]): void {
    this.trace.push({ step, outcome: 'warn', reasons })
    this.reasons.push(...reasons)
  }

  fail(step: StepName, reason: ReasonCode, error?: unknown): void {
    const entry: TraceEntry = { step, outcome: 'fail', reasons: [reason] }
    if (error !== undefined) entry.error = isTesseraError(error) ? error.code : 'UNEXPECTED'
    this.trace.push(entry)
    this.reasons.push(reason)
  }

  /** Adds a warning to a step that already passed (a finding that needs the verified data). */
  amend(step: StepName, reason: ReasonCode): void {
    const entry = this.trace.find((t) => t.step === step)
    if (entry) {
      entry.outcome = 'warn'
      entry.reasons.push(reason)
    }
    this.reasons.push(reason)
  }

  /** Marks every step after the failing one as not run, so a trace always lists all nine. */
  skipRest(): void {
    const done = new Set(this.trace.map((t) => t.step))
    for (const step of STEPS) if (!done.has(step)) this.trace.push({ step, outcome: 'skip', reasons: [] })
  }
}

export const STEPS: readonly StepName[] = [
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
