/**
 * Measuring loop: warm-up, then batches until both a minimum iteration count and a minimum time
 * are reached, bounded in iterations, time and batches. The figure is the median of batch means,
 * in microseconds, which shrugs off the odd GC pause or scheduler hiccup of a shared machine.
 *
 * A body returns a number; the loop sums them into `checksum`, so the work cannot be dropped as
 * dead code and the caller can assert it did what it should (e.g. every verify returned true).
 */
export type Body = (i: number) => number

export interface LoopOptions {
  /** Warm-up runs until both are reached (JIT tiers up, caches fill)... */
  warmupIterations: number
  warmupMs: number
  /** ...but never beyond this many iterations (bodies that consume a finite pool). */
  warmupMaxIterations: number
  /** Measuring stops once both minimums are reached... */
  minIterations: number
  minTimeMs: number
  /** ...or as soon as one bound is hit. */
  maxIterations: number
  maxTimeMs: number
  maxBatches: number
  /** Intended duration of one batch; the batch size is calibrated from the warm-up. */
  batchMs: number
}

export const DEFAULT_LOOP: Readonly<LoopOptions> = Object.freeze({
  warmupIterations: 200,
  warmupMs: 250,
  warmupMaxIterations: 1_000_000,
  minIterations: 1_000,
  minTimeMs: 1_000,
  maxIterations: 10_000_000,
  maxTimeMs: 10_000,
  maxBatches: 1_000,
  batchMs: 10,
})

/** Batches after which the batch size is fixed (their means still count). */
const CALIBRATION_BATCHES = 3

export interface Stats {
  /** Median of the batch means, µs per iteration. */
  medianUs: number
  minUs: number
  maxUs: number
  /** Interquartile range of the batch means relative to the median, percent. */
  iqrPct: number
  batches: number
  iterations: number
  warmupIterations: number
  elapsedMs: number
  checksum: number
}

/** One body, measured alone. */
export function measure(body: Body, options: Partial<LoopOptions> = {}): Stats {
  return measureInterleaved([body], options)[0]!
}

export interface Comparison {
  subject: Stats
  baseline: Stats
  /** median(subject) / median(baseline). */
  ratio: number
  /** Median of the ratios of adjacent (baseline, subject) batches: robust to slow drift. */
  pairedRatio: number
}

/**
 * Subject against baseline in the same process, batches alternating (baseline, subject, ...), so
 * drift of the machine (frequency, neighbours) hits both alike.
 */
export function compare(subject: Body, baseline: Body, options: Partial<LoopOptions> = {}): Comparison {
  const { stats, pairs } = run([baseline, subject], options)
  const [b, s] = stats as [Stats, Stats]
  return { subject: s, baseline: b, ratio: s.medianUs / b.medianUs, pairedRatio: median(pairs) }
}

/** Several bodies measured with alternating batches; one Stats per body, in order. */
export function measureInterleaved(bodies: Body[], options: Partial<LoopOptions> = {}): Stats[] {
  return run(bodies, options).stats
}

function run(bodies: Body[], options: Partial<LoopOptions>): { stats: Stats[]; pairs: number[] } {
  const o = { ...DEFAULT_LOOP, ...options }
  const state = bodies.map((body) => ({
    body,
    next: 0,
    checksum: 0,
    means: [] as number[],
    measured: 0,
    spent: 0,
  }))
  const batchSize: number[] = []
  for (const s of state) {
    const t0 = now()
    while (s.next < o.warmupMaxIterations && (s.next < o.warmupIterations || now() - t0 < o.warmupMs)) {
      s.checksum += s.body(s.next++)
    }
    const perIterationMs = (now() - t0) / Math.max(1, s.next)
    batchSize.push(Math.max(1, Math.round(o.batchMs / Math.max(perIterationMs, 1e-6))))
  }
  const warmed = state.map((s) => s.next)
  collectGarbage()
  const start = now()
  const done = () => state.every((s) => s.measured >= o.minIterations && s.spent >= o.minTimeMs)
  const bounded = () =>
    now() - start >= o.maxTimeMs ||
    state.some((s) => s.measured >= o.maxIterations || s.means.length >= o.maxBatches)
  while (!done() && !bounded()) {
    state.forEach((s, k) => {
      const n = Math.max(1, Math.min(batchSize[k]!, o.maxIterations - s.measured))
      const body = s.body
      let i = s.next
      let sum = 0
      const t0 = now()
      for (const end = i + n; i < end; i++) sum += body(i)
      const ms = now() - t0
      s.next = i
      s.checksum += sum
      s.measured += n
      s.spent += ms
      s.means.push((ms * 1000) / n)
      // The warm-up's estimate includes unoptimised code: re-aim from the first measured batches.
      if (s.means.length <= CALIBRATION_BATCHES) {
        batchSize[k] = Math.max(1, Math.round((o.batchMs * n) / Math.max(ms, 1e-3)))
      }
    })
  }
  const elapsedMs = now() - start
  const stats = state.map((s, k): Stats => {
    const sorted = [...s.means].sort((a, b) => a - b)
    const med = median(sorted)
    return {
      medianUs: med,
      minUs: sorted[0] ?? Number.NaN,
      maxUs: sorted[sorted.length - 1] ?? Number.NaN,
      iqrPct: ((quantile(sorted, 0.75) - quantile(sorted, 0.25)) / med) * 100,
      batches: s.means.length,
      iterations: s.measured,
      warmupIterations: warmed[k]!,
      elapsedMs,
      checksum: s.checksum,
    }
  })
  const pairs: number[] = []
  if (state.length === 2) {
    const [a, b] = state
    for (let i = 0; i < Math.min(a!.means.length, b!.means.length); i++)
      pairs.push(b!.means[i]! / a!.means[i]!)
  }
  return { stats, pairs }
}

/** Throws unless a body's checksum is what it must be (e.g. every verification returned true). */
export function expectChecksum(label: string, stats: Stats, perIteration: number): void {
  const expected = (stats.iterations + stats.warmupIterations) * perIteration
  if (stats.checksum !== expected) {
    throw new Error(
      `${label}: checksum ${stats.checksum}, expected ${expected}: the body did not do its work`,
    )
  }
}

export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  )
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

function now(): number {
  return performance.now()
}

/** A full GC before measuring when the process runs with --expose-gc (run-all passes it). */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) gc()
}
