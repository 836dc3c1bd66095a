import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { type EventLoopUtilization, monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { FastifyInstance, FastifyServerFactory } from 'fastify'
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
  /** Requests being handled at once before new ones are shed; 0 disables. Default 1024. */
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

/**
 * The load shedder. It decides in Node's HTTP request listener, before Fastify builds a request,
 * routes it or runs a hook, and answers a shed request with a prepared problem: a shed costs a few
 * microseconds instead of a full trip through the framework, so past capacity the server spends
 * its time on the requests it admitted. (`app.inject` bypasses it: there is no HTTP server.)
 */
export class LoadShedder {
  readonly #o: Required<LoadSheddingOptions>
  readonly #exempt: Set<string>
  #inFlight = 0
  #loopDelayMs = 0
  #over = 0
  #shedShare = 0
  #timers: NodeJS.Timeout[] = []
  #histogram: ReturnType<typeof monitorEventLoopDelay> | null = null

  constructor(options: LoadSheddingOptions = {}) {
    this.#o = { ...DEFAULT_LOAD_SHEDDING, ...options }
    this.#exempt = new Set(this.#o.exempt)
  }

  /** For Fastify's `serverFactory`: the shedding check in front of Fastify's handler. */
  serverFactory(): FastifyServerFactory {
    return (handler, options) => {
      const server = createServer((req, res) => {
        if (this.#admit(req, res)) handler(req, res)
      })
      // What Fastify does to a server it creates itself.
      const { keepAliveTimeout, requestTimeout, connectionTimeout } = options
      if (typeof keepAliveTimeout === 'number') server.keepAliveTimeout = keepAliveTimeout
      if (typeof requestTimeout === 'number') server.requestTimeout = requestTimeout
      if (typeof connectionTimeout === 'number') server.setTimeout(connectionTimeout)
      return server
    }
  }

  /** Starts sampling once the app is ready and stops on close. */
  install(app: FastifyInstance): void {
    app.addHook('onReady', async () => this.#start())
    app.addHook('onClose', async () => this.#stop())
  }

  #admit(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? '/').split('?')[0]!
    if (this.#exempt.has(path)) return true
    const o = this.#o
    const overInFlight = o.maxInFlight > 0 && this.#inFlight >= o.maxInFlight
    const overLoop = o.maxEventLoopDelayMs > 0 && this.#loopDelayMs > o.maxEventLoopDelayMs
    const overUse = this.#shedShare > 0 && Math.random() < this.#shedShare
    if (overInFlight || overLoop || overUse) {
      const problem = new HttpProblem('OVERLOADED', 'the server is over capacity; retry later', {
        retryAfter: o.retryAfterSeconds,
      })
      const body = JSON.stringify(problem.body(path))
      // The connection stays open: closing it would send a client that ignores Retry-After into
      // a reconnect storm, whose SYN backlog then delays every new connection by seconds.
      res.writeHead(503, {
        'content-type': 'application/problem+json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'retry-after': String(o.retryAfterSeconds),
      })
      res.end(body)
      return false
    }
    this.#inFlight++
    res.once('close', () => this.#inFlight--)
    return true
  }

  #start(): void {
    const o = this.#o
    if (o.maxUtilization > 0) {
      let last: EventLoopUtilization = performance.eventLoopUtilization()
      this.#every(o.sampleIntervalMs, () => {
        const now = performance.eventLoopUtilization()
        const u = performance.eventLoopUtilization(now, last).utilization
        last = now
        this.#shedShare =
          u > o.maxUtilization ? Math.min(0.95, this.#shedShare + 0.1) : Math.max(0, this.#shedShare - 0.2)
      })
    }
    if (o.maxEventLoopDelayMs > 0) {
      const h = monitorEventLoopDelay({ resolution: 10 })
      h.enable()
      this.#histogram = h
      this.#every(o.sampleIntervalMs, () => {
        const mean = h.count > 0 ? h.mean / 1e6 : 0
        this.#over = mean > o.maxEventLoopDelayMs ? this.#over + 1 : 0
        this.#loopDelayMs = this.#over >= 2 ? mean : 0
        h.reset()
      })
    }
  }

  #every(ms: number, fn: () => void): void {
    const timer = setInterval(fn, ms)
    timer.unref()
    this.#timers.push(timer)
  }

  #stop(): void {
    for (const t of this.#timers) clearInterval(t)
    this.#timers = []
    this.#histogram?.disable()
  }
}
