import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { FastifyInstance } from 'fastify'
import { sendProblem } from './error-handler.js'
import { HttpProblem } from './problem.js'

/**
 * Load shedding: past capacity the server answers 503 OVERLOADED (problem+json, Retry-After) at
 * once instead of queueing work it cannot finish in time, so admitted requests keep a bounded
 * latency and the server recovers as soon as the load drops. Two signals, either one sheds:
 * requests in flight over `maxInFlight`, or the event loop's recent p99 delay over
 * `maxEventLoopDelayMs`. Health, readiness and metrics are never shed.
 */
export interface LoadSheddingOptions {
  /** Requests being handled at once before new ones are shed; 0 disables. Default 512. */
  maxInFlight?: number
  /** Event-loop delay (p99 of the last sample interval, ms) above which requests are shed; 0 disables. Default 500. */
  maxEventLoopDelayMs?: number
  /** Seconds sent as Retry-After on a shed request. Default 2. */
  retryAfterSeconds?: number
  /** How often the event-loop delay is sampled, ms. Default 250. */
  sampleIntervalMs?: number
  /** Paths (no query) never shed. Default /healthz, /readyz, /metrics. */
  exempt?: readonly string[]
}

export const DEFAULT_LOAD_SHEDDING: Required<LoadSheddingOptions> = {
  maxInFlight: 512,
  maxEventLoopDelayMs: 500,
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

  let histogram: ReturnType<typeof monitorEventLoopDelay> | null = null
  let timer: NodeJS.Timeout | null = null
  if (o.maxEventLoopDelayMs > 0) {
    histogram = monitorEventLoopDelay({ resolution: 10 })
    histogram.enable()
    timer = setInterval(() => {
      const h = histogram!
      loopDelayMs = h.count > 0 ? h.percentile(99) / 1e6 : 0
      h.reset()
    }, o.sampleIntervalMs)
    timer.unref()
  }
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer)
    histogram?.disable()
  })

  app.addHook('onRequest', (request, reply, done) => {
    if (exempt.has(request.url.split('?')[0]!)) return done()
    const overInFlight = o.maxInFlight > 0 && inFlight >= o.maxInFlight
    const overLoop = o.maxEventLoopDelayMs > 0 && loopDelayMs > o.maxEventLoopDelayMs
    if (overInFlight || overLoop) {
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
