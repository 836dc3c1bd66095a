import { describe, expect, it } from 'vitest'
import { ROOT, testKey } from '../../core/src/test-support/factory.js'
import { isClientError } from './errors.js'
import type { ClientOptions } from './options.js'
import { resolveOptions } from './resolve-options.js'
import { defaultStoreDir } from './store/default-dir.js'

const base: ClientOptions = { product: 'demo', roots: [ROOT.jwk] }

function codeOf(options: unknown): string {
  try {
    resolveOptions(options as ClientOptions)
    return 'ok'
  } catch (err) {
    return isClientError(err) ? `${err.code}: ${err.message}` : 'other'
  }
}

describe('options', () => {
  it('are defaulted and deep-frozen', () => {
    const resolved = resolveOptions(base)
    expect(resolved).toMatchObject({
      serverUrl: null,
      storeDir: defaultStoreDir('demo'),
      clockToleranceSeconds: 120,
      requestTimeoutSeconds: 15,
      telemetry: true,
      essential: [],
      renewal: {
        jitterSeconds: 900,
        initialBackoffSeconds: 60,
        maxBackoffSeconds: 3600,
        checkInSeconds: 21_600,
      },
    })
    expect(Object.isFrozen(resolved)).toBe(true)
    expect(Object.isFrozen(resolved.roots[0])).toBe(true)
    expect(Object.isFrozen(resolved.renewal)).toBe(true)
    expect(Math.abs(resolved.now() - Date.now() / 1000)).toBeLessThan(5)
  })

  it('are validated once, naming the option (never echoing a secret)', () => {
    expect(codeOf({ ...base, product: 'a b' })).toMatch(/^OPTIONS_INVALID: option product/)
    expect(codeOf({ ...base, roots: [] })).toMatch(/option roots/)
    expect(codeOf({ ...base, roots: [{ kty: 'OKP', crv: 'Ed25519', x: 'short' }] })).toMatch(/roots\[0\]/)
    expect(codeOf({ ...base, roots: [{ ...testKey('x').jwk, d: 'secret' }] })).toMatch(/roots\[0\]/)
    expect(codeOf({ ...base, serverUrl: 'ftp://x' })).toMatch(/serverUrl/)
    expect(codeOf({ ...base, serverUrl: 'https://user:pw@x' })).not.toContain('pw')
    expect(codeOf({ ...base, clockToleranceSeconds: -1 })).toMatch(/clockToleranceSeconds/)
    expect(codeOf({ ...base, renewal: { initialBackoffSeconds: 600, maxBackoffSeconds: 60 } })).toMatch(
      /maxBackoff/,
    )
    expect(codeOf({ ...base, renewal: { checkInSeconds: 10 } })).toMatch(/checkInSeconds/)
    expect(codeOf({ ...base, timeZone: 'Mars/Olympus' })).toMatch(/timeZone/)
    expect(codeOf({ ...base, now: 5 })).toMatch(/option now/)
    expect(codeOf({ ...base, features: ['a', ''] })).toMatch(/features/)
    expect(codeOf({ ...base, keyStorage: 'tpm' })).toMatch(/option keyStorage/)
    expect(resolveOptions(base).keyStorage).toBe('auto')
    expect(codeOf({ ...base, serverUrl: 'https://license.example.com/base' })).toBe('ok')
  })
})
