import { type EventLoopUtilization, monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { FastifyInstance } from 'fastify'
import { sendProblem } from './error-handler.js'
import { HttpProblem } from './problem.js'

/**
 * Load shedding: past capacity the server answers 503 OVERLOADED (problem+json, Retry-After) at
 * once instead of queueing work it cannot finish in time, so admitted requests keep a bounded
 * latency and the server recovers as soon as the load drops. Two signals, either one sheds:
 * requests in flight over `maxInFlight`, or the event loop's mean delay over `maxEventLoopDelayMs`
 * in two sample intervals in a row (one long pause, e.g. a cold start, does not shed), or — when
 * `maxUtilization` is set — an event-loop utilisation over it, which sheds a share of requests that
 * grows by 10 % per saturated interval and falls back as soon as the loop has room again (a CPU-bound
 * server under keep-alive load queues in the kernel, where neither in-flight nor loop delay sees
 * it). Sampling starts once the server is ready. Health, readiness and metrics are never shed.
 */
export interface LoadSheddingOptions {
  /** Requests being handled at once before new ones are shed; 0 disables. Default 512. */
  maxInFlight?: number
  /** Mean event-loop delay (ms) of a sample interval above which requests are shed; 0 disables. Default 1000. */
  maxEventLoopDelayMs?: number
  /** Event-loop utilisation (0..1) over which a growing share of requests is shed; 0 disables. Default 0. */
  maxUtilization?: number
  /** Seconds sent as Retry-After on a shed request. Default 2. */
  retryAfterSeconds?: number
  /** How often the event-loop delay is sampled, ms. Default 250. */
  sampleIntervalMs?: number
  /** Paths (no query) never shed. Default /healthz, /readyz, /metrics. */
  exempt?: readonly string[]
}

export const DEFAULT_LOAD_SHEDDING: Required<LoadSheddingOptions> = {
  maxInFlight: 1024,
  maxEventLoopDelayMs: 1000,
  maxUtilization: 0,
  retryAfterSeconds: 2,
  sampleIntervalMs: 250,
  exempt: ['/healthz', '/readyz', '/metrics'],
}

/** Registers the hooks on the root instance (not encapsulated): call before the routes. */
export function installLoadShedding(app: FastifyInstance, options: LoadSheddingOptions | false = {}): void {
  if (options === false) return
  const o = { ...DEFAULT_LOAD_SHEDDING, ...options }
  const exempt = new Set(o.exempt)
  let inFlight = 0
  let loopDelayMs = 0
  const admitted = new WeakSet<object>()

  let histogram: ReturnType<typeof monitorEventLoopDelay> | null = null as ReturnType<
    typeof monitorEventLoopDelay
  > | null
  let timer: NodeJS.Timeout | null = null
  let over = 0
  let shedShare = 0
  let eluTimer: NodeJS.Timeout | null = null
  if (o.maxUtilization > 0) {
    app.addHook('onReady', async () => {
      let last: EventLoopUtilization = performance.eventLoopUtilization()
      eluTimer = setInterval(() => {
        const now = performance.eventLoopUtilization()
        const u = performance.eventLoopUtilization(now, last).utilization
        last = now
        shedShare = u > o.maxUtilization ? Math.min(0.95, shedShare + 0.1) : Math.max(0, shedShare - 0.2)
      }, o.sampleIntervalMs)
      eluTimer.unref()
    })
  }
  if (o.maxEventLoopDelayMs > 0) {
    app.addHook('onReady', async () => {
      const h = monitorEventLoopDelay({ resolution: 10 })
      h.enable()
      histogram = h
      timer = setInterval(() => {
        const mean = h.count > 0 ? h.mean / 1e6 : 0
        over = mean > o.maxEventLoopDelayMs ? over + 1 : 0
        loopDelayMs = over >= 2 ? mean : 0
        h.reset()
      }, o.sampleIntervalMs)
      timer.unref()
    })
  }
  app.addHook('onClose', async () => {
    if (eluTimer) clearInterval(eluTimer)
    if (timer) clearInterval(timer)
    histogram?.disable()
  })

  app.addHook('onRequest', (request, reply, done) => {
    if (exempt.has(request.url.split('?')[0]!)) return done()
    const overInFlight = o.maxInFlight > 0 && inFlight >= o.maxInFlight
    const overLoop = o.maxEventLoopDelayMs > 0 && loopDelayMs > o.maxEventLoopDelayMs
    const overUse = shedShare > 0 && Math.random() < shedShare
    if (overInFlight || overLoop || overUse) {
      // A client that ignores Retry-After must reconnect: its next request queues behind a handshake.
      reply.header('connection', 'close')
      sendProblem(
        reply,
        request,
        new HttpProblem('OVERLOADED', 'the server is over capacity; retry later', {
          retryAfter: o.retryAfterSeconds,
        }),
      )
      return
    }
    inFlight++
    admitted.add(request)
    done()
  })
  const release = (request: object) => {
    if (admitted.delete(request)) inFlight--
  }
  app.addHook('onResponse', (request, _reply, done) => {
    release(request)
    done()
  })
  app.addHook('onRequestAbort', (request, done) => {
    release(request)
    done()
  })
}
