import { describe, expect, it } from 'vitest'
import { nodeCrypto } from '../../../crypto-node/src/index.js'
import { decodeBase64url, encodeBase64url } from '../encoding/base64url.js'
import { jwkThumbprint } from '../encoding/jwk.js'
import { asciiBytes, utf8Decode } from '../encoding/utf8.js'
import { decodeJws, decodeJwsWith, type JwsRules } from '../jws/decode.js'
import { verifyJwsSignature } from '../jws/verify-signature.js'
import { codeOf } from '../test-support/codes.js'
import { hasCanonicalS } from './ed25519-canonical.js'
import { nobleCrypto } from './noble-provider.js'

const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (b) => Number.parseInt(b, 16))

// RFC 8032 §7.1, TEST 1, 2, 3 and TEST SHA(abc).
const RFC8032 = [
  {
    name: 'TEST 1',
    pub: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2',
    pub: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3',
    pub: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
  {
    name: 'TEST SHA(abc)',
    pub: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    msg: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    sig: 'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  },
]

// RFC 8037 Appendix A.1–A.4.
const RFC8037_X = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo'
const RFC8037_JWS =
  'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg'
/** Test-local rules for the RFC example: its header is only {"alg":"EdDSA"} (no typ, no kid). */
const RFC8037_RULES: JwsRules = {
  label: 'rfc8037',
  maxLength: 1024,
  algs: ['EdDSA'],
  typ: null,
  kidRequired: false,
}

describe.each([
  ['noble', nobleCrypto],
  ['node', nodeCrypto],
])('%s provider', (_name, crypto) => {
  it.each(RFC8032)('verifies RFC 8032 $name and rejects it altered', ({ pub, msg, sig }) => {
    expect(hasCanonicalS(hex(sig))).toBe(true)
    expect(crypto.verifyEd25519(hex(pub), hex(msg), hex(sig))).toBe(true)
    const altered = hex(sig)
    altered[5]! ^= 1
    expect(crypto.verifyEd25519(hex(pub), hex(msg), altered)).toBe(false)
  })

  it('verifies the RFC 8037 A.4 JWS example', () => {
    const [h, p, s] = RFC8037_JWS.split('.') as [string, string, string]
    expect(
      crypto.verifyEd25519(decodeBase64url(RFC8037_X), asciiBytes(`${h}.${p}`), decodeBase64url(s)),
    ).toBe(true)
  })

  it('verifies the RFC 8037 A.4 JWS example through core decoding (header rules) and verification', () => {
    const jws = decodeJwsWith(RFC8037_JWS, RFC8037_RULES)
    expect(jws).toMatchObject({ alg: 'EdDSA', kid: undefined })
    expect(utf8Decode(jws.payloadBytes)).toBe('Example of Ed25519 signing')
    const key = decodeBase64url(RFC8037_X)
    expect(codeOf(() => verifyJwsSignature(jws, key, 'EdDSA', crypto))).toBe('ok')
    const [h, p, s] = RFC8037_JWS.split('.') as [string, string, string]
    const otherPayload = `${h}.${p.replace('RXhh', 'RXhi')}.${s}`
    const altered = decodeJwsWith(otherPayload, RFC8037_RULES)
    expect(codeOf(() => verifyJwsSignature(altered, key, 'EdDSA', crypto))).toBe('SIGNATURE_INVALID')
    // Tessera's own rules refuse it before any crypto: every Tessera token names its typ and kid.
    expect(codeOf(() => decodeJws(RFC8037_JWS, 'lease'))).toBe('TYP_MISMATCH')
    expect(codeOf(() => decodeJwsWith(RFC8037_JWS, { ...RFC8037_RULES, kidRequired: true }))).toBe(
      'KID_MISSING',
    )
  })

  it('computes the RFC 8037 A.3 thumbprint', () => {
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: RFC8037_X } as const
    expect(jwkThumbprint(jwk, crypto)).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k')
  })

  it('hashes with SHA-256', () => {
    expect(encodeBase64url(crypto.sha256(asciiBytes('abc')))).toBe(
      'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0',
    )
  })
})

describe('canonical S', () => {
  it('refuses S + L, which some verifiers accept', () => {
    const sig = hex(RFC8032[0]!.sig)
    const L = 2n ** 252n + 27742317777372353535851937790883648493n
    let s = 0n
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i]!)
    let t = s + L
    for (let i = 0; i < 32; i++) {
      sig[32 + i] = Number(t & 255n)
      t >>= 8n
    }
    expect(hasCanonicalS(sig)).toBe(false)
  })
})
