import { p256 } from '@noble/curves/nist.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { isVerifiedBundle, verifyBundle } from '../bundle/verify-bundle.js'
import { assertIssuable } from '../claims/personal-data-guard.js'
import { nobleCrypto as crypto } from '../crypto/noble-provider.js'
import { toLowS } from '../crypto/p256-low-s.js'
import { verifyOfflineRequest } from '../device/offline-request.js'
import { verifyOfflineResponse } from '../device/offline-response.js'
import { verifyDeviceProof } from '../device/proof.js'
import { decodeBase64url, encodeBase64url } from '../encoding/base64url.js'
import { type EcPublicJwk, jwkThumbprint } from '../encoding/jwk.js'
import { signJws } from '../jws/sign.js'
import { type VerifiedKeyset, verifyKeyset } from '../keyset/verify-keyset.js'
import { applyRevocationList, findRevocation } from '../revocation/revocation-list.js'
import { codeOf } from '../test-support/codes.js'
import {
  accessClaims,
  COMPONENTS,
  DAY,
  DEVICE,
  keysetClaims,
  LEASE_KEY,
  LICENSE_ID,
  leaseClaims,
  makeBundle,
  ROOT,
  STATUS_KEY,
  sign,
  T0,
  TRUST,
  testKey,
} from '../test-support/factory.js'
import { verifyAccessToken } from './access-token.js'
import { assertLeaseUsable, verifyLease } from './lease.js'

let keyset: VerifiedKeyset
beforeAll(async () => {
  keyset = verifyKeyset([], await sign('keyset', ROOT, ROOT.thumbprint, keysetClaims()), TRUST, crypto)
})

const list = (seq: number, frm: number, ent: object[] = []) =>
  sign('revocations', STATUS_KEY, 'k-status-1', {
    v: 1,
    iss: 'tessera-test',
    aud: 'demo',
    seq,
    frm,
    iat: T0,
    exp: T0 + DAY,
    ent,
  })

describe('revocation lists', () => {
  it('applies a full list then consecutive deltas', async () => {
    let state = applyRevocationList(
      null,
      await list(2, 0, [{ k: 'license', id: 'lic_9', at: T0 }]),
      keyset,
      'demo',
      crypto,
    )
    state = applyRevocationList(
      state,
      await list(3, 2, [{ k: 'device', id: 'dev_1', at: T0 }]),
      keyset,
      'demo',
      crypto,
    )
    expect(state.seq).toBe(3)
    expect(findRevocation(state, { license: 'lic_9', device: 'x', lease: 'y' })?.k).toBe('license')
    expect(findRevocation(state, { license: 'a', device: 'dev_1', lease: 'y' })?.k).toBe('device')
    expect(findRevocation(state, { license: 'a', device: 'b', lease: 'c' })).toBeNull()
  })

  it('refuses a delta with a gap, an older list and another product', async () => {
    const state = applyRevocationList(null, await list(2, 0), keyset, 'demo', crypto)
    expect(codeOf(() => applyRevocationList(state, list4from3, keyset, 'demo', crypto))).toBe(
      'REVOCATION_DELTA_GAP',
    )
    expect(codeOf(() => applyRevocationList(null, list4from3, keyset, 'demo', crypto))).toBe(
      'REVOCATION_DELTA_GAP',
    )
    expect(codeOf(() => applyRevocationList({ ...state, seq: 5 }, full4, keyset, 'demo', crypto))).toBe(
      'REVOCATION_ROLLBACK',
    )
    expect(codeOf(() => applyRevocationList(state, full4, keyset, 'other', crypto))).toBe('WRONG_PRODUCT')
  })
  let list4from3 = ''
  let full4 = ''
  beforeAll(async () => {
    list4from3 = await list(4, 3)
    full4 = await list(4, 0)
  })
})

describe('leases and access tokens', () => {
  it('take their issuer from the key set: a lease key of another issuer is unknown here', async () => {
    expect(verifyLease(await sign('lease', LEASE_KEY, 'k-lease-1', leaseClaims()), keyset, crypto).sub).toBe(
      LICENSE_ID,
    )
    expect(codeOf(() => verifyLease(lease9, keyset, crypto))).toBe('KEY_UNKNOWN')
    expect(codeOf(() => verifyLease(sameKid, keyset, crypto))).toBe('SIGNATURE_INVALID')
  })

  it('pack the fingerprint as 6-character hashes, k of them required', async () => {
    const packed = COMPONENTS.join('')
    const codeFor = async (c: string, k: number) => {
      const token = await sign('lease', LEASE_KEY, 'k-lease-1', leaseClaims({ hwf: { k, c } }))
      return codeOf(() => verifyLease(token, keyset, crypto))
    }
    expect(await codeFor(packed, 6)).toBe('ok')
    expect(await codeFor(packed, 7)).toBe('CLAIMS_INVALID')
    expect(await codeFor(packed, 0)).toBe('CLAIMS_INVALID')
    expect(await codeFor(`${packed}AAAAA`, 3)).toBe('CLAIMS_INVALID')
    expect(await codeFor(`${packed.slice(0, -1)}B`, 3)).toBe('CLAIMS_INVALID')
    expect(await codeFor('AAAAAA'.repeat(17), 3)).toBe('CLAIMS_INVALID')
  })

  let lease9 = ''
  let sameKid = ''
  beforeAll(async () => {
    const other = testKey('another-issuer-lease')
    lease9 = await sign('lease', other, 'k-lease-9', leaseClaims())
    sameKid = await sign('lease', other, 'k-lease-1', leaseClaims())
  })

  it('checks product, not-before and the end of grace', () => {
    const lease = leaseClaims()
    expect(codeOf(() => assertLeaseUsable(lease, 'demo', T0 + 9 * DAY, 120))).toBe('ok')
    expect(codeOf(() => assertLeaseUsable(lease, 'other', T0, 120))).toBe('WRONG_PRODUCT')
    expect(codeOf(() => assertLeaseUsable(lease, 'demo', T0 - 600, 120))).toBe('NOT_YET_VALID')
    expect(codeOf(() => assertLeaseUsable(lease, 'demo', T0 + 10 * DAY, 120))).toBe('EXPIRED')
  })

  it('verifies an access token for its audience, lifetime and device', async () => {
    const token = await sign('access', LEASE_KEY, 'k-lease-1', accessClaims())
    const ok = { audience: 'demo-services', now: T0 + 60, deviceId: DEVICE.thumbprint }
    expect(verifyAccessToken(token, keyset, ok, crypto).sub).toBe(LICENSE_ID)
    expect(codeOf(() => verifyAccessToken(token, keyset, { ...ok, audience: 'x' }, crypto))).toBe(
      'WRONG_AUDIENCE',
    )
    expect(codeOf(() => verifyAccessToken(token, keyset, { ...ok, now: T0 + 7200 }, crypto))).toBe('EXPIRED')
    expect(codeOf(() => verifyAccessToken(token, keyset, { ...ok, deviceId: 'other' }, crypto))).toBe(
      'WRONG_AUDIENCE',
    )
  })
})

describe('device proofs', () => {
  const body = encodeBase64url(crypto.sha256(new TextEncoder().encode('{"x":1}')))
  const claims = { v: 1, htm: 'POST', htu: '/v1/renew', iat: T0, jti: 'p1', bdh: body }
  const check = { method: 'POST', path: '/v1/renew', bodyHash: body, now: T0 + 10 }

  it('verifies an Ed25519 proof bound to the request', async () => {
    const proof = await sign('proof', DEVICE, DEVICE.thumbprint, claims)
    expect(verifyDeviceProof(proof, DEVICE.jwk, check, crypto).jti).toBe('p1')
    expect(codeOf(() => verifyDeviceProof(proof, DEVICE.jwk, { ...check, method: 'GET' }, crypto))).toBe(
      'WRONG_AUDIENCE',
    )
    expect(codeOf(() => verifyDeviceProof(proof, DEVICE.jwk, { ...check, now: T0 + 900 }, crypto))).toBe(
      'EXPIRED',
    )
    expect(codeOf(() => verifyDeviceProof(proof, DEVICE.jwk, { ...check, nonce: 'n' }, crypto))).toBe(
      'WRONG_AUDIENCE',
    )
    expect(codeOf(() => verifyDeviceProof(proof, STATUS_KEY.jwk, check, crypto))).toBe('KEY_UNKNOWN')
  })

  it('verifies an ES256 proof from a TPM-style P-256 key', async () => {
    const secret = p256.utils.randomSecretKey()
    const pub = p256.getPublicKey(secret, false)
    const jwk: EcPublicJwk = {
      kty: 'EC',
      crv: 'P-256',
      x: encodeBase64url(pub.slice(1, 33)),
      y: encodeBase64url(pub.slice(33)),
    }
    const proof = await signJws(
      'proof',
      jwkThumbprint(jwk, crypto),
      claims,
      (d) => p256.sign(d, secret),
      'ES256',
    )
    expect(verifyDeviceProof(proof, jwk, check, crypto).htu).toBe('/v1/renew')
    const [h, p, sig] = proof.split('.') as [string, string, string]
    const high = encodeBase64url(highS(decodeBase64url(sig)))
    expect(codeOf(() => verifyDeviceProof(`${h}.${p}.${high}`, jwk, check, crypto))).toBe(
      'SIGNATURE_NON_CANONICAL',
    )
    expect(toLowS(highS(decodeBase64url(sig)))).toEqual(decodeBase64url(sig))
  })
})

describe('air-gapped documents', () => {
  const request = (hwf: string[] = COMPONENTS.slice(0, 1)) =>
    sign('offlineRequest', DEVICE, DEVICE.thumbprint, {
      v: 1,
      aud: 'demo',
      kind: 'activate',
      iat: T0,
      jti: 'req_1',
      lkh: 'x'.repeat(43),
      jwk: DEVICE.jwk,
      hwf,
    })

  it('verifies a request signed by the key it carries, with 1..16 component hashes', async () => {
    const verified = verifyOfflineRequest(await request(), crypto)
    expect(verified.deviceId).toBe(DEVICE.thumbprint)
    expect(verified.claims.hwf).toEqual(COMPONENTS.slice(0, 1))
    for (const hwf of [[], ['c-machine'], Array.from({ length: 17 }, () => COMPONENTS[0]!)]) {
      const token = await request(hwf)
      expect(codeOf(() => verifyOfflineRequest(token, crypto))).toBe('CLAIMS_INVALID')
    }
    const foreign = await sign('offlineRequest', STATUS_KEY, DEVICE.thumbprint, verified.claims)
    expect(codeOf(() => verifyOfflineRequest(foreign, crypto))).toBe('SIGNATURE_INVALID')
  })

  it('verifies a response for this device and request only', async () => {
    const bnd = await makeBundle()
    const response = await sign('offlineResponse', STATUS_KEY, 'k-status-1', {
      v: 1,
      iss: 'tessera-test',
      aud: DEVICE.thumbprint,
      req: 'req_1',
      iat: T0,
      jti: 'rsp_1',
      bnd,
    })
    const expected = { deviceId: DEVICE.thumbprint, requestId: 'req_1' }
    expect(verifyOfflineResponse(response, TRUST, expected, crypto).bundle).toEqual(bnd)
    expect(codeOf(() => verifyOfflineResponse(response, TRUST, { ...expected, deviceId: 'x' }, crypto))).toBe(
      'WRONG_AUDIENCE',
    )
    expect(
      codeOf(() => verifyOfflineResponse(response, TRUST, { ...expected, requestId: 'x' }, crypto)),
    ).toBe('WRONG_AUDIENCE')
  })
})

describe('personal-data guard', () => {
  it('allows the lease claims and refuses unknown or e-mail-like ones', () => {
    expect(codeOf(() => assertIssuable('lease', leaseClaims()))).toBe('ok')
    expect(codeOf(() => assertIssuable('lease', { ...leaseClaims(), name: 'Ada' }))).toBe('CLAIM_NOT_ALLOWED')
    expect(codeOf(() => assertIssuable('lease', leaseClaims({ sub: 'ada@example.com' })))).toBe(
      'CLAIM_NOT_ALLOWED',
    )
    expect(codeOf(() => assertIssuable('lease', leaseClaims({ fts: ['x', 'me@corp.io'] })))).toBe(
      'CLAIM_NOT_ALLOWED',
    )
    expect(codeOf(() => assertIssuable('lease', { ...leaseClaims(), exp: 'soon' }))).toBe('CLAIMS_INVALID')
    expect(codeOf(() => assertIssuable('lease', leaseClaims({ lim: { 'ada@example.com': 1 } })))).toBe(
      'CLAIM_NOT_ALLOWED',
    )
    // The lease has no v nor iss (typ versions it, the key set names its issuer), and fbk is only "deny".
    expect(codeOf(() => assertIssuable('lease', { ...leaseClaims(), v: 1 }))).toBe('CLAIM_NOT_ALLOWED')
    expect(codeOf(() => assertIssuable('lease', { ...leaseClaims(), iss: 'x' }))).toBe('CLAIM_NOT_ALLOWED')
    expect(codeOf(() => assertIssuable('lease', { ...leaseClaims(), fbk: 'limited' }))).toBe('CLAIMS_INVALID')
    expect(codeOf(() => assertIssuable('lease', leaseClaims({ fbk: 'deny' })))).toBe('ok')
  })
})

/** The other valid ECDSA signature: s → n − s. */
function highS(sig: Uint8Array): Uint8Array {
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n
  let s = 0n
  for (const b of sig.subarray(32)) s = (s << 8n) | BigInt(b)
  let t = n - s
  const out = Uint8Array.from(sig)
  for (let i = 63; i >= 32; i--, t >>= 8n) out[i] = Number(t & 255n)
  return out
}

describe('bundles', () => {
  it('apply the status receipt rules and trust only bundles core verified', async () => {
    const broken = await makeBundle({ status: { sts: 'revoked' } })
    expect(codeOf(() => verifyBundle(broken, TRUST, crypto))).toBe('CLAIMS_INVALID')
    const good = verifyBundle(await makeBundle(), TRUST, crypto)
    expect(isVerifiedBundle(good)).toBe(true)
    expect(isVerifiedBundle({ ...good })).toBe(false)
  })

  it('refuse a status receipt or access token naming another issuer than the key set', async () => {
    for (const parts of [{ status: { iss: 'elsewhere' } }, { access: { iss: 'elsewhere' } }]) {
      const bundle = await makeBundle(parts)
      expect(codeOf(() => verifyBundle(bundle, TRUST, crypto))).toBe('BUNDLE_INVALID')
    }
  })

  it('verify without the access token, as a redacted recorded input does', async () => {
    const { access: _dropped, ...redacted } = await makeBundle()
    expect(verifyBundle(redacted, TRUST, crypto).access).toBeUndefined()
  })
})
