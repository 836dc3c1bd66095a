import { isAbsolute, resolve } from 'node:path'
import { parsePublicJwk } from '@tessera/core'
import { ClientError } from './errors.js'
import type { ClientOptions, RenewalOptions, ResolvedOptions } from './options.js'
import { defaultStoreDir } from './store/default-dir.js'

const PRODUCT_ID = /^[A-Za-z0-9._-]{1,64}$/
const RENEWAL_DEFAULTS: Required<RenewalOptions> = {
  jitterSeconds: 900,
  initialBackoffSeconds: 60,
  maxBackoffSeconds: 3600,
  checkInSeconds: 21_600,
}

/** Validates, defaults and deep-freezes the options once, at the boundary. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') fail('options', 'must be an object')
  const product = options.product
  if (typeof product !== 'string' || !PRODUCT_ID.test(product))
    fail('product', 'must be an id of 1..64 [A-Za-z0-9._-]')
  const storeDir = options.storeDir === undefined ? defaultStoreDir(product) : checkDir(options.storeDir)
  return deepFreeze({
    serverUrl: options.serverUrl === undefined ? null : checkUrl(options.serverUrl),
    product,
    roots: checkRoots(options.roots),
    appVersion: optionalString(options.appVersion, 'appVersion', 32),
    features: options.features === undefined ? null : names(options.features, 'features'),
    essential: options.essential === undefined ? [] : names(options.essential, 'essential'),
    compat: options.compat === undefined ? null : structuredClone(options.compat),
    storeDir,
    keyStorage: checkKeyStorage(options.keyStorage),
    vault: options.vault ?? null,
    clockToleranceSeconds: seconds(options.clockToleranceSeconds, 'clockToleranceSeconds', 120),
    renewal: checkRenewal(options.renewal),
    requestTimeoutSeconds: seconds(options.requestTimeoutSeconds, 'requestTimeoutSeconds', 15, 1),
    telemetry: options.telemetry ?? true,
    timeZone: checkTimeZone(options.timeZone),
    now: fn(options.now, 'now') ?? (() => Date.now() / 1000),
    transport: options.transport ?? null,
    random: fn(options.random, 'random') ?? Math.random,
    fingerprintSources: { ...(options.fingerprintSources ?? {}) },
  })
}

function fail(name: string, why: string): never {
  throw new ClientError('OPTIONS_INVALID', `option ${name} ${why}`)
}

function checkUrl(value: unknown): string {
  if (typeof value !== 'string') fail('serverUrl', 'must be a URL string')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    fail('serverUrl', 'is not a valid URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('serverUrl', 'must be http(s)')
  if (url.search || url.hash || url.username || url.password)
    fail('serverUrl', 'must not carry query, hash or credentials')
  return url.href
}

function checkRoots(value: unknown): ClientOptions['roots'] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 8)
    fail('roots', 'must list 1..8 root JWKs')
  return value.map((jwk, i) => checkRoot(jwk, i))
}

function checkRoot(jwk: unknown, i: number): ClientOptions['roots'][number] {
  let parsed: ReturnType<typeof parsePublicJwk> | null = null
  try {
    parsed = parsePublicJwk(jwk)
  } catch {
    // reported below
  }
  if (parsed === null || parsed.kty !== 'OKP') fail(`roots[${i}]`, 'is not an Ed25519 public JWK')
  return parsed
}

function checkKeyStorage(value: unknown): ResolvedOptions['keyStorage'] {
  if (value === undefined) return 'auto'
  if (value !== 'auto' && value !== 'keychain' && value !== 'file')
    fail('keyStorage', "must be 'auto', 'keychain' or 'file'")
  return value
}

function checkDir(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) fail('storeDir', 'must be a path')
  return isAbsolute(value) ? value : resolve(value)
}

function checkRenewal(value: RenewalOptions | undefined): Required<RenewalOptions> {
  const r = value ?? {}
  const out = {
    jitterSeconds: seconds(r.jitterSeconds, 'renewal.jitterSeconds', RENEWAL_DEFAULTS.jitterSeconds),
    initialBackoffSeconds: seconds(r.initialBackoffSeconds, 'renewal.initialBackoffSeconds', 60, 1),
    maxBackoffSeconds: seconds(r.maxBackoffSeconds, 'renewal.maxBackoffSeconds', 3600, 1),
    checkInSeconds: seconds(r.checkInSeconds, 'renewal.checkInSeconds', RENEWAL_DEFAULTS.checkInSeconds),
  }
  if (out.maxBackoffSeconds < out.initialBackoffSeconds)
    fail('renewal.maxBackoffSeconds', 'is below the initial back-off')
  if (out.checkInSeconds > 0 && out.checkInSeconds < 60)
    fail('renewal.checkInSeconds', 'must be 0 or at least 60')
  return out
}

function seconds(value: unknown, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > 365 * 86_400) {
    fail(name, `must be a number of seconds >= ${min}`)
  }
  return value
}

function optionalString(value: unknown, name: string, max: number): string | null {
  if (value === undefined) return null
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    fail(name, `must be 1..${max} characters`)
  return value
}

function names(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0 || v.length > 128)) {
    fail(name, 'must be a list of feature names')
  }
  return [...new Set(value as string[])]
}

function fn<T>(value: unknown, name: string): T | undefined {
  if (value !== undefined && typeof value !== 'function') fail(name, 'must be a function')
  return value as T | undefined
}

function checkTimeZone(value: unknown): string | null {
  if (value === undefined) return null
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value as string })
    return value as string
  } catch {
    fail('timeZone', 'is not an IANA time zone')
  }
}

/** Freezes plain data deeply; functions and class instances (transport, vault) are left as they are. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && (Array.isArray(value) || isPlain(value))) {
    for (const item of Object.values(value)) deepFreeze(item)
    Object.freeze(value)
  }
  return value
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
