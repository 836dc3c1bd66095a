import type { ProblemCode } from '../http/problem.js'
import type { RefusalCount, Storage } from '../storage/index.js'

const DAY = 86_400

/**
 * Problem codes of refused device requests that an operator should see as server-side anomalies:
 * forged or replayed proofs, spent nonces, guessed keys and ids, unknown or revoked devices still
 * calling, seat exhaustion and floods.
 */
export const REFUSAL_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'PROOF_INVALID',
  'NONCE_INVALID',
  'LICENSE_KEY_MALFORMED',
  'LICENSE_NOT_FOUND',
  'DEVICE_NOT_FOUND',
  'LICENSE_REVOKED',
  'DEVICE_REVOKED',
  'LEASE_REVOKED',
  'SEATS_EXHAUSTED',
  'RATE_LIMITED',
])

/**
 * Counts refused device requests per UTC day and problem code in memory and adds them to the
 * database in batches (at most one write every `flushSeconds`, default 5), so a flood of refused
 * requests costs no write per request; every replica adds its own counts to the same rows.
 */
export class RefusalCounter {
  readonly #pending = new Map<string, RefusalCount>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #flushing: Promise<void> = Promise.resolve()

  constructor(
    private readonly storage: Storage,
    private readonly flushSeconds = 5,
  ) {}

  /** Counts a refusal at `now` (epoch seconds) when `code` is one of REFUSAL_CODES. */
  record(code: string, now: number): void {
    if (!REFUSAL_CODES.has(code as ProblemCode)) return
    const day = now - (now % DAY)
    const key = `${day} ${code}`
    const entry = this.#pending.get(key)
    if (entry) entry.count++
    else this.#pending.set(key, { day, code, count: 1 })
    this.#timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.flushSeconds * 1000)
    this.#timer.unref?.()
  }

  /** Writes what is pending now (before the dashboard reads, and at shutdown). A failed write keeps the counts. */
  flush(): Promise<void> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    const next = this.#flushing.then(() => this.#write())
    this.#flushing = next.catch(() => undefined)
    return next
  }

  async #write(): Promise<void> {
    const batch = [...this.#pending.values()]
    this.#pending.clear()
    if (batch.length === 0) return
    try {
      await this.storage.addRefusals(batch)
    } catch (err) {
      for (const r of batch) {
        const key = `${r.day} ${r.code}`
        const entry = this.#pending.get(key)
        if (entry) entry.count += r.count
        else this.#pending.set(key, { ...r })
      }
      throw err
    }
  }
}
