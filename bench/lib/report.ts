import type { Comparison } from './measure.js'

/** A target is met when the chosen figure is at most `max`. */
export interface Target {
  on: 'ratio' | 'value'
  max: number
}

/** One row of a benchmark's result; `baseline` was measured in the same run as `value`. */
export interface Metric {
  name: string
  unit: 'us' | 'bytes'
  value: number
  baseline: number | null
  /** What the baseline is, e.g. "4 raw node:crypto Ed25519 verifies". */
  baselineLabel: string | null
  ratio: number | null
  target: Target | null
  /** Anything else worth keeping in latest.json (spread, iterations, breakdowns). */
  detail?: Record<string, unknown>
}

/** What a *.bench.ts prints: exactly one JSON line on stdout. */
export interface BenchOutput {
  bench: string
  metrics: Metric[]
  notes?: string[]
}

/** Writes the bench's single JSON line. Progress and diagnostics go to stderr. */
export function emit(output: BenchOutput): void {
  process.stdout.write(`${JSON.stringify(output)}\n`)
}

export function timingMetric(
  name: string,
  comparison: Comparison,
  baselineLabel: string,
  target: Target | null,
): Metric {
  const { subject, baseline } = comparison
  return {
    name,
    unit: 'us',
    value: subject.medianUs,
    baseline: baseline.medianUs,
    baselineLabel,
    ratio: comparison.ratio,
    target,
    detail: {
      pairedRatio: comparison.pairedRatio,
      subject: { ...subject, checksum: undefined },
      baseline: { ...baseline, checksum: undefined },
    },
  }
}

/** null when the metric has no target. */
export function meetsTarget(metric: Metric): boolean | null {
  if (!metric.target) return null
  const figure = metric.target.on === 'ratio' ? metric.ratio : metric.value
  return figure !== null && Number.isFinite(figure) && figure <= metric.target.max
}
