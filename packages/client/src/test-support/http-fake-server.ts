// Serves a FakeServer over real HTTP (node:http) with the spec's JSON bodies, Tessera-Proof header
// and problem+json errors, so the client can be tested with nothing injected but the server URL.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isTransportError } from '../transport/transport-error.js'
import type { FakeServer } from './fake-server.js'

export interface RunningServer {
  url: string
  close(): Promise<void>
}

export async function serveOverHttp(fake: FakeServer): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    handle(fake, req, res).catch(() => send(res, 500, { code: 'INTERNAL' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

async function handle(fake: FakeServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x')
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  // biome-ignore lint/suspicious/noExplicitAny: the fake trusts its own client's bodies
  const body: any = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined
  const proof = String(req.headers['tessera-proof'] ?? '')
  const prove = async () => proof
  try {
    const route = `${req.method} ${url.pathname}`
    switch (route) {
      case 'GET /v1/nonce':
        return send(res, 200, await fake.nonce())
      case 'GET /v1/time':
        return send(res, 200, await fake.time(url.searchParams.get('nonce') ?? undefined))
      case 'POST /v1/activate': {
        // the proof carries the nonce; the fake checks it like the real server does
        const non = (
          JSON.parse(Buffer.from(proof.split('.')[1] ?? '', 'base64url').toString()) as { non: string }
        ).non
        return send(res, 200, await fake.activate(body, prove, non))
      }
      case 'POST /v1/renew':
        return send(res, 200, await fake.renew(body, prove))
      case 'POST /v1/status':
        return send(res, 200, await fake.status(body, prove))
      case 'POST /v1/deactivate':
        return send(res, 200, await fake.deactivate(body, prove))
      case 'POST /v1/telemetry':
        return send(res, 202, await fake.telemetry(body, prove))
      default:
        return send(res, 404, { code: 'NOT_FOUND' })
    }
  } catch (err) {
    if (!isTransportError(err) || err.status === 0) {
      res.destroy() // an "offline" failure: no answer at all
      return
    }
    const problem = { type: 'about:blank', title: err.code, status: err.status, code: err.code }
    const headers: Record<string, string> =
      err.retryAfter === null ? {} : { 'retry-after': String(err.retryAfter) }
    send(res, err.status, err.statusReceipt ? { ...problem, status: err.statusReceipt } : problem, headers)
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  res.writeHead(status, { 'content-type': type, ...headers })
  res.end(JSON.stringify(body))
}
