import { beforeAll, describe, expect, it } from 'vitest'
import { nobleCrypto as crypto } from '../crypto/noble-provider.js'
import { decodeBase64url, encodeBase64url } from '../encoding/base64url.js'
import { codeOf } from '../test-support/codes.js'
import {
  keysetClaims,
  keysetEntry,
  LEASE_KEY,
  leaseClaims,
  ROOT,
  STATUS_KEY,
  sign,
  statusClaims,
  T0,
  TRUST,
} from '../test-support/factory.js'
import { type VerifiedKeyset, verifyKeyset } from './verify-keyset.js'
import { verifyServerToken } from './verify-server-token.js'

let keyset: VerifiedKeyset
beforeAll(async () => {
  const claims = keysetClaims()
  claims.keys.push(keysetEntry('k-old', LEASE_KEY, ['lease'], T0 - 100, T0 - 10))
  keyset = verifyKeyset([], await sign('keyset', ROOT, ROOT.thumbprint, claims), TRUST, crypto)
})

describe('verifyServerToken', () => {
  it('returns the claims of a valid token', async () => {
    const token = await sign('lease', LEASE_KEY, 'k-lease-1', leaseClaims())
    expect(verifyServerToken('lease', token, keyset, crypto)).toEqual(leaseClaims())
  })

  it('refuses an unknown kid, a key of another purpose, a key outside its window', async () => {
    const unknown = await sign('lease', LEASE_KEY, 'k-nope', leaseClaims())
    const purpose = await sign('lease', STATUS_KEY, 'k-status-1', leaseClaims())
    const window = await sign('lease', LEASE_KEY, 'k-old', leaseClaims())
    expect(codeOf(() => verifyServerToken('lease', unknown, keyset, crypto))).toBe('KEY_UNKNOWN')
    expect(codeOf(() => verifyServerToken('lease', purpose, keyset, crypto))).toBe('KEY_WRONG_PURPOSE')
    expect(codeOf(() => verifyServerToken('lease', window, keyset, crypto))).toBe('KEY_OUTSIDE_WINDOW')
  })

  it('refuses a status receipt presented as a lease, before any crypto', async () => {
    const status = await sign('status', STATUS_KEY, 'k-status-1', statusClaims())
    expect(codeOf(() => verifyServerToken('lease', status, keyset, crypto))).toBe('TYP_MISMATCH')
  })

  it('refuses a token signed by the right kid with the wrong key, or truncated', async () => {
    const forged = await sign('lease', STATUS_KEY, 'k-lease-1', leaseClaims())
    expect(codeOf(() => verifyServerToken('lease', forged, keyset, crypto))).toBe('SIGNATURE_INVALID')
    const good = await sign('lease', LEASE_KEY, 'k-lease-1', leaseClaims())
    const [h, p, sig] = good.split('.') as [string, string, string]
    const truncated = `${h}.${p}.${encodeBase64url(decodeBase64url(sig).slice(0, 48))}`
    expect(codeOf(() => verifyServerToken('lease', truncated, keyset, crypto))).toBe('SIGNATURE_INVALID')
  })

  it('refuses claims outside the allow-list or of the wrong type', async () => {
    const extra = await sign('lease', LEASE_KEY, 'k-lease-1', { ...leaseClaims(), email: 'x' })
    const typed = await sign('lease', LEASE_KEY, 'k-lease-1', { ...leaseClaims(), exp: '1' })
    expect(codeOf(() => verifyServerToken('lease', extra, keyset, crypto))).toBe('CLAIMS_INVALID')
    expect(codeOf(() => verifyServerToken('lease', typed, keyset, crypto))).toBe('CLAIMS_INVALID')
  })

  it('rejects any single-character change of a token', async () => {
    const token = await sign('lease', LEASE_KEY, 'k-lease-1', leaseClaims())
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'
    for (let i = 0; i < token.length; i++) {
      const replacement = alphabet[(alphabet.indexOf(token[i]!) + 7) % alphabet.length]!
      const mutated = token.slice(0, i) + replacement + token.slice(i + 1)
      expect(codeOf(() => verifyServerToken('lease', mutated, keyset, crypto))).not.toBe('ok')
    }
  })

  it('refuses the non-canonical S + L form of a valid signature', async () => {
    const token = await sign('lease', LEASE_KEY, 'k-lease-1', leaseClaims())
    const [h, p, s] = token.split('.') as [string, string, string]
    const sig = decodeBase64url(s)
    const L = 2n ** 252n + 27742317777372353535851937790883648493n
    let v = 0n
    for (let i = 31; i >= 0; i--) v = (v << 8n) | BigInt(sig[32 + i]!)
    v += L
    for (let i = 0; i < 32; i++, v >>= 8n) sig[32 + i] = Number(v & 255n)
    const malleated = `${h}.${p}.${encodeBase64url(sig)}`
    expect(codeOf(() => verifyServerToken('lease', malleated, keyset, crypto))).toBe(
      'SIGNATURE_NON_CANONICAL',
    )
  })
})
