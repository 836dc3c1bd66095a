/**
 * Fixed-window request counters kept in this process's memory (the per-IP limit: a flood guard
 * checked before a request body is read, so it must not cost a database write). Each replica
 * counts on its own, so with R replicas behind a balancer a client gets up to R × the limit;
 * the per-license limit, which protects a license's devices, is shared through the database.
 * At most `maxBuckets` counters are kept; when full, counters of past windows are dropped first,
 * and if the current window alone fills it, the oldest counters are.
 */
export class WindowCounter {
  readonly #counts = new Map<string, { window: number; count: number }>()

  constructor(
    private readonly windowSeconds: number,
    private readonly maxBuckets = 100_000,
  ) {
    if (!Number.isSafeInteger(windowSeconds) || windowSeconds <= 0)
      throw new RangeError('windowSeconds must be a positive integer')
  }

  /** Counts one hit of `bucket` at `now` (epoch seconds); returns the count in the current window. */
  hit(bucket: string, now: number): number {
    const window = Math.floor(now / this.windowSeconds)
    const entry = this.#counts.get(bucket)
    // A hit stamped before the stored window (a clock step back) counts in the stored window.
    if (entry && entry.window >= window) return ++entry.count
    if (entry)
      this.#counts.delete(bucket) // re-inserted last: the map stays in window order
    else if (this.#counts.size >= this.maxBuckets) this.#evict(window)
    this.#counts.set(bucket, { window, count: 1 })
    return 1
  }

  /** Counters kept now (for tests and metrics). */
  get size(): number {
    return this.#counts.size
  }

  #evict(window: number): void {
    for (const [bucket, entry] of this.#counts) {
      if (entry.window >= window && this.#counts.size < this.maxBuckets) break
      this.#counts.delete(bucket)
      if (entry.window >= window) break
    }
  }
}
