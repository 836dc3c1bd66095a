import type { Engine } from '../lease/engine.js'
import { checkIn, plannedAttempt, plannedCheckIn } from './contact.js'
import { renew } from './renew.js'

/** Longest sleep between two looks at the license, seconds (also covers system sleep and clock changes). */
const MAX_SLEEP = 3600
/** Shortest sleep, seconds, so a misbehaving clock cannot make a busy loop. */
const MIN_SLEEP = 1
/** Sleep after an unexpected error in a tick, seconds. */
const ERROR_SLEEP = 60

/**
 * Background renewal: wakes when something is due (renewal, check-in, the decision's next state
 * change, telemetry), does it, and sleeps again. Timers are unref'd, so the host process exits
 * when it is otherwise done; nothing thrown here ever reaches the host.
 */
export class Autopilot {
  #timer: ReturnType<typeof setTimeout> | null = null
  #running = false
  #ticking: Promise<void> | null = null

  constructor(private readonly engine: Engine) {}

  get running(): boolean {
    return this.#running
  }

  start(): void {
    if (this.#running) return
    this.#running = true
    this.#schedule(0)
  }

  stop(): void {
    this.#running = false
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }

  /** Resolves when the tick in progress (if any) is over. */
  async idle(): Promise<void> {
    await this.#ticking
  }

  /** One look at the license: renew or check in when due, announce changes, persist. */
  async tick(): Promise<number> {
    const engine = this.engine
    await engine.reload()
    let decision = engine.decide()
    const now = engine.now()
    const attempt = plannedAttempt(engine, decision)
    const check = plannedCheckIn(engine, decision)
    if (attempt !== null && attempt <= now) {
      decision = (await renew(engine, false)).decision
    } else if (check !== null && check <= now) {
      await checkIn(engine)
      decision = engine.decide()
    }
    await engine.flush()
    return this.#nextWake(decision)
  }

  #nextWake(decision: ReturnType<Engine['decide']>): number {
    const engine = this.engine
    const now = engine.now()
    const candidates = [now + MAX_SLEEP]
    const attempt = plannedAttempt(engine, decision)
    if (attempt !== null) candidates.push(attempt)
    const check = plannedCheckIn(engine, decision)
    if (check !== null) candidates.push(check)
    // the next state change, mapped from trusted time onto the system clock
    if (decision.deadline !== null) candidates.push(now + Math.max(0, decision.deadline - decision.time))
    return Math.min(...candidates)
  }

  #schedule(delaySeconds: number): void {
    if (!this.#running) return
    const ms = Math.round(Math.min(Math.max(delaySeconds, 0), MAX_SLEEP) * 1000)
    this.#timer = setTimeout(() => this.#run(), ms)
    this.#timer.unref?.()
  }

  #run(): void {
    this.#timer = null
    const work = this.tick().then(
      (wake) => Math.max(MIN_SLEEP, wake - this.engine.now()),
      () => ERROR_SLEEP,
    )
    this.#ticking = work.then(
      (delay) => {
        this.#ticking = null
        this.#schedule(delay)
      },
      () => {
        this.#ticking = null
        this.#schedule(ERROR_SLEEP)
      },
    )
  }
}
