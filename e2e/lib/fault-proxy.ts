import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * What the proxy does to the next request:
 * pass — forward untouched; drop — accept and never answer; delay — forward after `delayMs`;
 * reset — destroy the connection; error — answer `status` (5xx) itself; truncate — forward but cut
 * the response body in half and close; drip — forward the body a few bytes every `delayMs`;
 * refuse — stop listening (connection refused) until set back.
 */
export type Fault = 'pass' | 'drop' | 'delay' | 'reset' | 'error' | 'truncate' | 'drip' | 'refuse'

export interface FaultPlan {
  fault: Fault
  delayMs?: number
  status?: number
  /** 0..1: share of requests the fault hits (flapping); the rest pass. Default 1. */
  rate?: number
}

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of a real server, for outage scenarios with
 * real processes. Faults switch at run time; `random` makes flapping reproducible.
 */
export class FaultProxy {
  private server: Server | null = null
  private plan: FaultPlan = { fault: 'pass' }
  private readonly sockets = new Set<Socket>()
  private port = 0
  /** Requests seen, by what was done to them. */
  readonly counts: Record<Fault, number> = {
    pass: 0,
    drop: 0,
    delay: 0,
    reset: 0,
    error: 0,
    truncate: 0,
    drip: 0,
    refuse: 0,
  }

  constructor(
    private readonly target: string,
    private readonly random: () => number = Math.random,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<string> {
    await this.listen()
    return this.url
  }

  async set(plan: FaultPlan): Promise<void> {
    this.plan = plan
    if (plan.fault === 'refuse') await this.unlisten()
    else if (!this.server) await this.listen()
  }

  async stop(): Promise<void> {
    await this.unlisten()
  }

  private listen(): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res))
    server.on('connection', (s) => {
      this.sockets.add(s)
      s.on('close', () => this.sockets.delete(s))
    })
    this.server = server
    return new Promise((resolve) =>
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port
        resolve()
      }),
    )
  }

  private async unlisten(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const hit = this.random() < (this.plan.rate ?? 1)
    const fault: Fault = hit ? this.plan.fault : 'pass'
    this.counts[fault]++
    switch (fault) {
      case 'drop':
        return
      case 'reset':
        req.socket.destroy()
        return
      case 'error':
        res.writeHead(this.plan.status ?? 503, { 'content-type': 'application/problem+json' })
        res.end(
          JSON.stringify({
            type: 'about:blank',
            title: 'Injected',
            status: this.plan.status ?? 503,
            code: 'INJECTED',
            detail: 'fault proxy',
          }),
        )
        return
      case 'delay':
        setTimeout(() => this.forward(req, res, 'pass'), this.plan.delayMs ?? 1000)
        return
      default:
        this.forward(req, res, fault)
    }
  }

  private forward(req: IncomingMessage, res: ServerResponse, fault: Fault): void {
    const upstream = httpRequest(
      `${this.target}${req.url}`,
      { method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        if (fault === 'pass') return void up.pipe(res)
        const chunks: Buffer[] = []
        up.on('data', (c: Buffer) => chunks.push(c))
        up.on('end', () => {
          const body = Buffer.concat(chunks)
          if (fault === 'truncate') {
            res.write(body.subarray(0, Math.floor(body.length / 2)))
            req.socket.destroy()
          } else this.drip(res, body)
        })
      },
    )
    upstream.on('error', () => req.socket.destroy())
    req.pipe(upstream)
  }

  private drip(res: ServerResponse, body: Buffer, offset = 0): void {
    if (offset >= body.length || res.destroyed) return void res.end()
    res.write(body.subarray(offset, offset + 16))
    setTimeout(() => this.drip(res, body, offset + 16), this.plan.delayMs ?? 50)
  }
}
