/**
 * Schema-aware mutation fuzzing of every HTTP endpoint of a real in-process server (`app.inject`,
 * no sockets). Endpoints and their body/params/query schemas come from the server's own OpenAPI
 * document; valid requests are built from those schemas (plus real ids, a valid admin token and
 * real device proofs), then mutated: wrong types, missing and extra fields, huge strings, unicode,
 * deep nesting, random bytes, bad headers and proofs. A 5xx or a request that does not answer
 * within the hang limit is a failure, kept with the request that caused it.
 */
import { generateKeyPairSync, sign as nodeSign, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  componentHash,
  encodeBase64url,
  jwkThumbprint,
  type OkpPublicJwk,
  signJws,
} from '../../packages/core/src/index.js'
import { nodeCrypto } from '../../packages/crypto-node/src/index.js'
import { createServer, initDataDir } from '../../packages/server/src/index.js'
import { prng } from '../../spec/fuzz/mutate.js'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Schema = Record<string, unknown>

export interface HttpFuzzFailure {
  method: string
  url: string
  headers: Record<string, string>
  body: string
  status: number | 'hang' | 'throw'
  response: string
}

export interface HttpFuzzReport {
  requests: number
  endpoints: number
  byStatusClass: Record<string, number>
  byEndpoint: Record<string, number>
  failures: HttpFuzzFailure[]
  slowestMs: number
  seconds: number
}

interface Endpoint {
  method: string
  path: string
  body: Schema | null
  params: Schema[]
  query: Schema[]
  admin: boolean
  device: boolean
}

const HANG_MS = 5_000
const NOW = 1_800_000_000

/** Runs `requests` fuzz requests against a fresh demo server. Deterministic in what it sends for a seed. */
export async function fuzzHttp(options: { requests: number; seed: number }): Promise<HttpFuzzReport> {
  const started = performance.now()
  const rnd = prng(options.seed)
  const dir = await mkdtemp(join(tmpdir(), 'tessera-http-fuzz-'))
  let now = NOW
  const init = await initDataDir({ dataDir: dir, demo: true, now: () => NOW })
  const server = await createServer({
    dataDir: dir,
    logLevel: false,
    now: () => now,
    rateLimits: { perIp: 1_000_000_000, perLicense: 1_000_000_000 },
    // wall-clock load shedding (503 OVERLOADED) is measured by the overload bench, not here
    loadShedding: false,
  })
  const report: HttpFuzzReport = {
    requests: 0,
    endpoints: 0,
    byStatusClass: {},
    byEndpoint: {},
    failures: [],
    slowestMs: 0,
    seconds: 0,
  }
  try {
    const app = server.app
    await app.ready()
    const endpoints = discover(app.swagger() as unknown as Schema)
    report.endpoints = endpoints.length
    const demo = init.demo!
    const device = makeDevice()
    const send = async (
      method: string,
      url: string,
      headers: Record<string, string>,
      body: string | Buffer | undefined,
    ) => {
      const t = performance.now()
      let status: number | 'hang' | 'throw'
      let text = ''
      try {
        const res = await Promise.race([
          app.inject({
            method: method as 'GET',
            url,
            headers,
            ...(body !== undefined ? { payload: body } : {}),
          }),
          new Promise<null>((resolve) => setTimeout(resolve, HANG_MS, null).unref()),
        ])
        if (res === null) status = 'hang'
        else {
          status = res.statusCode
          text = res.body.slice(0, 300)
        }
      } catch (err) {
        status = 'throw'
        text = String(err).slice(0, 300)
      }
      const ms = performance.now() - t
      report.slowestMs = Math.max(report.slowestMs, ms)
      report.requests++
      const cls = typeof status === 'number' ? `${Math.floor(status / 100)}xx` : status
      report.byStatusClass[cls] = (report.byStatusClass[cls] ?? 0) + 1
      if (typeof status !== 'number' || status >= 500) {
        if (report.failures.length < 100)
          report.failures.push({
            method,
            url,
            headers,
            body: typeof body === 'string' ? body.slice(0, 2000) : (body?.toString('base64') ?? ''),
            status,
            response: text,
          })
      }
      return { status, text }
    }

    // A real activated device, so proofs and ids reach deep into the services.
    const nonceRes = await app.inject({ method: 'GET', url: '/v1/nonce' })
    const activation = {
      product: demo.product,
      licenseKey: demo.licenseKey,
      deviceKey: device.jwk,
      fingerprint: ['machine-id', 'os', 'cpu', 'host'].map((n) =>
        componentHash('demo', n, 'fuzz', nodeCrypto),
      ),
    }
    const activationBody = JSON.stringify(activation)
    const actRes = await app.inject({
      method: 'POST',
      url: '/v1/activate',
      headers: {
        'content-type': 'application/json',
        'tessera-proof': await device.proof('/v1/activate', activationBody, now, nonceRes.json().nonce),
      },
      payload: activationBody,
    })
    const leaseJti = leaseOf(actRes.json()?.bundle?.lease)
    const known: Record<string, string> = {
      id: demo.license,
      license: demo.license,
      product: demo.product,
      policy: demo.policy,
      device: device.id,
      lease: leaseJti ?? 'lea_unknown',
      licenseKey: demo.licenseKey,
    }

    for (let n = 0; n < options.requests; n++) {
      now = NOW + Math.floor(n / 50)
      const ep = endpoints[n % endpoints.length]!
      const key = `${ep.method} ${ep.path}`
      report.byEndpoint[key] = (report.byEndpoint[key] ?? 0) + 1
      const pathParams: Record<string, Json> = {}
      for (const p of ep.params)
        pathParams[String(p.name)] = valueFor(String(p.name), p.schema as Schema, known, rnd)
      let body: Json | undefined = ep.body ? build(ep.body, known, rnd, 0, '') : undefined
      const query: Record<string, Json> = {}
      for (const q of ep.query)
        if (rnd() < 0.5) query[String(q.name)] = valueFor(String(q.name), q.schema as Schema, known, rnd)
      const headers: Record<string, string> = {}
      if (ep.admin && rnd() < 0.9) headers.authorization = `Bearer ${init.adminToken}`
      // mutate: most requests get one or two mutations; some stay valid
      const mutations = rnd() < 0.15 ? 0 : 1 + Math.floor(rnd() * 2)
      let raw: string | Buffer | undefined
      let proofOverride: string | null = null
      for (let m = 0; m < mutations; m++) {
        const which = Math.floor(rnd() * 12)
        if (which <= 5 && body !== undefined) body = mutateJson(body, rnd)
        else if (which === 6) mutateParam(pathParams, rnd)
        else if (which === 7)
          query[pick(['limit', 'cursor', 'nonce', 'x', 'status'], rnd)] = randomValue(rnd, 0)
        else if (which === 8) raw = randomPayload(rnd)
        else if (which === 9) mutateHeaders(headers, rnd)
        else if (which === 10) proofOverride = badProof(rnd)
        else if (body !== undefined) body = mutateJson(body, rnd)
      }
      const path = ep.path.replace(/\{(\w+)\}|:(\w+)/g, (_, a, b) => enc(String(pathParams[a ?? b] ?? 'x')))
      const qs = Object.entries(query)
        .map(([k, v]) => `${enc(k)}=${enc(typeof v === 'string' ? v : JSON.stringify(v))}`)
        .join('&')
      const url = qs ? `${path}?${qs}` : path
      if (raw === undefined && body !== undefined) raw = JSON.stringify(body)
      if (raw !== undefined && !('content-type' in headers)) headers['content-type'] = 'application/json'
      if (ep.device) {
        const text = typeof raw === 'string' ? raw : (raw?.toString('utf8') ?? '')
        headers['tessera-proof'] =
          proofOverride ??
          (await device.proof(
            path.split('?')[0]!,
            text,
            now,
            ep.path === '/v1/activate' ? await freshNonce(app) : undefined,
          ))
      }
      await send(ep.method, url, headers, raw)
    }
  } finally {
    await server.close()
    await rm(dir, { recursive: true, force: true })
  }
  report.seconds = Math.round((performance.now() - started) / 10) / 100
  return report
}

async function freshNonce(app: Awaited<ReturnType<typeof createServer>>['app']): Promise<string> {
  return (await app.inject({ method: 'GET', url: '/v1/nonce' })).json().nonce
}

function leaseOf(token: unknown): string | null {
  if (typeof token !== 'string') return null
  try {
    return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti
  } catch {
    return null
  }
}

function makeDevice() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const jwk: OkpPublicJwk = { kty: 'OKP', crv: 'Ed25519', x: publicKey.export({ format: 'jwk' }).x! }
  const id = jwkThumbprint(jwk, nodeCrypto)
  return {
    jwk,
    id,
    proof(path: string, body: string, iat: number, nonce?: string): Promise<string> {
      const claims = {
        v: 1,
        htm: 'POST',
        htu: path,
        iat,
        jti: encodeBase64url(randomBytes(12)),
        bdh: encodeBase64url(nodeCrypto.sha256(Buffer.from(body, 'utf8'))),
        ...(nonce ? { non: nonce } : {}),
      }
      return signJws('proof', id, claims, (data) => nodeSign(null, data, privateKey))
    },
  }
}

/** Every operation of the OpenAPI document, with its schemas. */
function discover(doc: Schema): Endpoint[] {
  const out: Endpoint[] = []
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Schema>>
  for (const [path, ops] of Object.entries(paths)) {
    if (path.startsWith('/docs')) continue
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      const params = ((op.parameters ?? []) as Schema[]).filter((p) => p.in === 'path')
      const query = ((op.parameters ?? []) as Schema[]).filter((p) => p.in === 'query')
      const content = (op.requestBody as Schema | undefined)?.content as Record<string, Schema> | undefined
      const body = (content?.['application/json']?.schema as Schema | undefined) ?? null
      const headers = ((op.parameters ?? []) as Schema[]).filter((p) => p.in === 'header')
      out.push({
        method: method.toUpperCase(),
        path,
        body,
        params,
        query,
        admin: path.startsWith('/v1/admin') || Array.isArray(op.security),
        device: headers.some((h) => String(h.name).toLowerCase() === 'tessera-proof'),
      })
    }
  }
  return out.sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`))
}

/** encodeURIComponent that never throws (lone surrogates become U+FFFD). */
function enc(s: string): string {
  return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'))
}

function pick<T>(xs: readonly T[], rnd: () => number): T {
  return xs[Math.floor(rnd() * xs.length)]!
}

function valueFor(
  name: string,
  schema: Schema | undefined,
  known: Record<string, string>,
  rnd: () => number,
): Json {
  if (known[name] !== undefined && rnd() < 0.8) return known[name]!
  return build(schema ?? { type: 'string' }, known, rnd, 0, name)
}

/** A value valid for `schema` (as far as this generator understands JSON Schema). */
function build(
  schema: Schema,
  known: Record<string, string>,
  rnd: () => number,
  depth: number,
  name: string,
): Json {
  if (name && known[name] !== undefined && schema.type === 'string' && rnd() < 0.8) return known[name]!
  if ('const' in schema) return schema.const as Json
  if (Array.isArray(schema.enum)) return pick(schema.enum as Json[], rnd)
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
  if (union && union.length > 0) return build(pick(union, rnd), known, rnd, depth + 1, name)
  const type = Array.isArray(schema.type) ? pick(schema.type as string[], rnd) : schema.type
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Schema>
      const required = new Set((schema.required ?? []) as string[])
      const out: Record<string, Json> = {}
      for (const [k, s] of Object.entries(props)) {
        if (required.has(k) || (rnd() < 0.5 && depth < 4)) out[k] = build(s, known, rnd, depth + 1, k)
      }
      return out
    }
    case 'array': {
      const min = Number(schema.minItems ?? 0)
      const max = Math.min(Number(schema.maxItems ?? 3), min + 3)
      const n = min + Math.floor(rnd() * (max - min + 1))
      return Array.from({ length: n }, () => build((schema.items ?? {}) as Schema, known, rnd, depth + 1, ''))
    }
    case 'integer':
    case 'number': {
      const min = Number(schema.minimum ?? 0)
      const max = Number(schema.maximum ?? min + 1000)
      const v = min + rnd() * (max - min)
      return type === 'integer' ? Math.floor(v) : v
    }
    case 'boolean':
      return rnd() < 0.5
    case 'null':
      return null
    default: {
      const min = Number(schema.minLength ?? 1)
      const pattern = String(schema.pattern ?? '')
      const len = Math.max(min, 3 + Math.floor(rnd() * 8))
      const chars =
        pattern.includes('A-Z') || pattern === '' ? 'abcdefghijklmnopqrstuvwxyz0123456789' : 'abc123'
      let s = ''
      for (let i = 0; i < len; i++) s += chars[Math.floor(rnd() * chars.length)]
      return schema.maxLength !== undefined ? s.slice(0, Number(schema.maxLength)) : s
    }
  }
}

const UNICODE = ['é', '\u0000', '\u202e', '\ud800', '😀', '\uffff', '\u200b', 'İ', '\\', '"', '%00', '../']

function randomValue(rnd: () => number, depth: number): Json {
  switch (Math.floor(rnd() * 12)) {
    case 0:
      return null
    case 1:
      return rnd() < 0.5
    case 2:
      return pick([0, -1, 1e308, -1e308, 2 ** 53, 2 ** 53 + 1, 0.5, -0, 1e-300], rnd)
    case 3:
      return 'x'.repeat(pick([0, 1, 65, 257, 4097, 70_000], rnd))
    case 4:
      return Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => pick(UNICODE, rnd)).join('')
    case 5:
      return depth < 3 ? [randomValue(rnd, depth + 1)] : []
    case 6:
      return depth < 3
        ? { [pick(['a', '__proto__', 'constructor', ''], rnd)]: randomValue(rnd, depth + 1) }
        : {}
    case 7:
      return nested(pick([10, 100, 1000, 2000], rnd))
    case 8:
      return Array.from({ length: pick([17, 100, 2000], rnd) }, () => 'fp')
    case 9:
      return String(Math.floor(rnd() * 1e6))
    case 10:
      return `lic_${'A'.repeat(12)}`
    default:
      return ''
  }
}

function nested(depth: number): Json {
  let v: Json = 1
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v }
  return v
}

function mutateJson(value: Json, rnd: () => number): Json {
  if (value === null || typeof value !== 'object') return randomValue(rnd, 0)
  if (Array.isArray(value)) {
    const copy = [...value]
    if (copy.length > 0 && rnd() < 0.5) copy[Math.floor(rnd() * copy.length)] = randomValue(rnd, 1)
    else copy.push(randomValue(rnd, 1))
    return copy
  }
  const copy = { ...value }
  const keys = Object.keys(copy)
  const op = Math.floor(rnd() * 5)
  if (op === 0 && keys.length > 0) delete copy[pick(keys, rnd)]
  else if (op === 1)
    copy[pick(['extra', '__proto__', 'constructor', 'x'.repeat(300), '😀'], rnd)] = randomValue(rnd, 1)
  else if (keys.length > 0) {
    const k = pick(keys, rnd)
    copy[k] =
      op === 2 && copy[k] !== null && typeof copy[k] === 'object'
        ? mutateJson(copy[k]!, rnd)
        : randomValue(rnd, 1)
  } else copy.a = randomValue(rnd, 1)
  return copy
}

function mutateParam(params: Record<string, Json>, rnd: () => number): void {
  const keys = Object.keys(params)
  if (keys.length === 0) return
  params[pick(keys, rnd)] = pick(
    ['', '..', '%2e%2e', 'x'.repeat(5000), '😀', '0', '-1', 'lic_AAAAAAAAAAAA', "'; drop"],
    rnd,
  )
}

function mutateHeaders(headers: Record<string, string>, rnd: () => number): void {
  switch (Math.floor(rnd() * 6)) {
    case 0:
      headers['content-type'] = pick(
        ['text/plain', 'application/xml', 'application/json; charset=latin1', ''],
        rnd,
      )
      return
    case 1:
      headers.authorization = pick(
        ['Bearer ', 'Bearer x', 'Basic abc', `Bearer ${'a'.repeat(5000)}`, 'bearer'],
        rnd,
      )
      return
    case 2:
      delete headers.authorization
      return
    case 3:
      headers['content-encoding'] = pick(['gzip', 'br', 'identity', 'x'], rnd)
      return
    case 4:
      headers['x-forwarded-for'] = pick(['1.2.3.4', 'x'.repeat(1000), '::1, 2.2.2.2'], rnd)
      return
    default:
      headers.accept = pick(['text/html', '*/*', 'application/problem+json', 'x/y'], rnd)
  }
}

function badProof(rnd: () => number): string {
  return pick(
    [
      '',
      'a.b.c',
      'x'.repeat(5000),
      `${encodeBase64url(Buffer.from('{"alg":"none","typ":"tessera-proof+jwt"}'))}.e30.`,
      `${encodeBase64url(Buffer.from('{"alg":"EdDSA","kid":"x"}'))}.${encodeBase64url(Buffer.from('{"v":1}'))}.${'A'.repeat(86)}`,
      '😀.😀.😀',
      encodeBase64url(randomBytesDet(rnd, 200)),
    ],
    rnd,
  )
}

function randomBytesDet(rnd: () => number, n: number): Buffer {
  const b = Buffer.alloc(n)
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256)
  return b
}

function randomPayload(rnd: () => number): string | Buffer {
  switch (Math.floor(rnd() * 6)) {
    case 0:
      return randomBytesDet(rnd, 1 + Math.floor(rnd() * 512))
    case 1:
      return '{"a":'
    case 2:
      return `{"product":"demo","product":"x"}`
    case 3:
      return 'x'.repeat(70 * 1024)
    case 4:
      return `${'{"a":['.repeat(20_000)}1${']}'.repeat(20_000)}`
    default:
      return '[]'
  }
}
