import { describe, expect, it } from 'vitest'
import { nobleCrypto as crypto } from '../crypto/noble-provider.js'
import { codeOf } from '../test-support/codes.js'
import { DAY, keysetClaims, ROOT, sign, T0, TRUST, testKey } from '../test-support/factory.js'
import { isKeysetExpired, verifyKeyset } from './verify-keyset.js'

const ROOT2 = testKey('root-2')
const ROOT3 = testKey('root-3')
const rotation = (from: typeof ROOT, to: typeof ROOT, ver: number) =>
  sign('root', from, from.thumbprint, { v: 1, iss: 'tessera-test', ver, iat: T0, key: to.jwk })

describe('verifyKeyset', () => {
  it('accepts a key set signed by a pinned root', async () => {
    const ks = verifyKeyset([], await sign('keyset', ROOT, ROOT.thumbprint, keysetClaims()), TRUST, crypto)
    expect(ks.rootKid).toBe(ROOT.thumbprint)
    expect([...ks.keys.keys()]).toEqual(['k-lease-1', 'k-status-1'])
    expect(isKeysetExpired(ks, T0)).toBe(false)
    expect(isKeysetExpired(ks, T0 + 181 * DAY)).toBe(true)
  })

  it('refuses a key set signed by an unknown root', async () => {
    const token = await sign('keyset', ROOT2, ROOT2.thumbprint, keysetClaims())
    expect(codeOf(() => verifyKeyset([], token, TRUST, crypto))).toBe('ROOT_UNKNOWN')
  })

  it('refuses a key set whose kid names the root but whose signature is by another key', async () => {
    const token = await sign('keyset', ROOT2, ROOT.thumbprint, keysetClaims())
    expect(codeOf(() => verifyKeyset([], token, TRUST, crypto))).toBe('SIGNATURE_INVALID')
  })

  it('refuses a version lower than one already seen', async () => {
    const token = await sign('keyset', ROOT, ROOT.thumbprint, keysetClaims({ ver: 3 }))
    expect(codeOf(() => verifyKeyset([], token, { ...TRUST, keysetVersion: 4 }, crypto))).toBe(
      'KEYSET_ROLLBACK',
    )
    expect(verifyKeyset([], token, { ...TRUST, keysetVersion: 3 }, crypto).claims.ver).toBe(3)
  })

  it('follows a rotation chain signed link by link', async () => {
    const chain = [await rotation(ROOT, ROOT2, 2), await rotation(ROOT2, ROOT3, 3)]
    const token = await sign('keyset', ROOT3, ROOT3.thumbprint, keysetClaims())
    const ks = verifyKeyset(chain, token, TRUST, crypto)
    expect(ks).toMatchObject({ rootKid: ROOT3.thumbprint, rootVersion: 3 })
  })

  it('refuses a key set signed by a root the chain has rotated away', async () => {
    const chain = [await rotation(ROOT, ROOT2, 2)]
    const token = await sign('keyset', ROOT, ROOT.thumbprint, keysetClaims())
    expect(codeOf(() => verifyKeyset(chain, token, TRUST, crypto))).toBe('ROOT_UNKNOWN')
  })

  it('refuses a rotation link not signed by the previous root', async () => {
    const chain = [await rotation(ROOT, ROOT2, 2), await rotation(ROOT3, ROOT3, 3)]
    const token = await sign('keyset', ROOT3, ROOT3.thumbprint, keysetClaims())
    expect(codeOf(() => verifyKeyset(chain, token, TRUST, crypto))).toBe('ROOT_ROTATION_INVALID')
  })

  it('refuses a forged rotation link and one that does not raise the version', async () => {
    const forged = await sign('root', ROOT2, ROOT.thumbprint, {
      v: 1,
      iss: 'x',
      ver: 2,
      iat: T0,
      key: ROOT2.jwk,
    })
    const token = await sign('keyset', ROOT2, ROOT2.thumbprint, keysetClaims())
    expect(codeOf(() => verifyKeyset([forged], token, TRUST, crypto))).toBe('ROOT_ROTATION_INVALID')
    const flat = [await rotation(ROOT, ROOT2, 2), await rotation(ROOT2, ROOT3, 2)]
    const token3 = await sign('keyset', ROOT3, ROOT3.thumbprint, keysetClaims())
    expect(codeOf(() => verifyKeyset(flat, token3, TRUST, crypto))).toBe('ROOT_ROTATION_INVALID')
  })

  it('refuses to go back to an older root once a newer one was seen', async () => {
    const token = await sign('keyset', ROOT, ROOT.thumbprint, keysetClaims())
    expect(codeOf(() => verifyKeyset([], token, { ...TRUST, rootVersion: 2 }, crypto))).toBe(
      'KEYSET_ROLLBACK',
    )
  })

  it('refuses entries with unknown purposes, duplicate kids or bad keys', async () => {
    const base = keysetClaims()
    const bad = [
      { ...base, keys: [{ ...base.keys[0]!, use: ['admin'] }] },
      { ...base, keys: [base.keys[0]!, base.keys[0]!] },
      { ...base, keys: [{ ...base.keys[0]!, x: 'AAAA' }] },
    ]
    for (const claims of bad) {
      const token = await sign('keyset', ROOT, ROOT.thumbprint, claims)
      expect(['CLAIMS_INVALID', 'KEY_INVALID']).toContain(
        codeOf(() => verifyKeyset([], token, TRUST, crypto)),
      )
    }
  })

  it('never follows a link signed by a retired root once the client moved on', async () => {
    const EVIL = testKey('evil')
    const fork = [await rotation(ROOT, EVIL, 2)]
    const token = await sign('keyset', EVIL, EVIL.thumbprint, keysetClaims())
    const moved = { ...TRUST, rootVersion: 2, currentRoot: ROOT2.jwk }
    expect(codeOf(() => verifyKeyset(fork, token, moved, crypto))).toBe('ROOT_UNKNOWN')
    const legit = await sign('keyset', ROOT2, ROOT2.thumbprint, keysetClaims())
    expect(verifyKeyset([await rotation(ROOT, ROOT2, 2)], legit, moved, crypto).rootJwk).toEqual(ROOT2.jwk)
  })
})
