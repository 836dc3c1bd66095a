// decision.json: evaluate() on deviations from the happy path, one reason code (or two) at a time.
import {
  COMPONENTS,
  DEVICE,
  fingerprintComponent,
  keysetEntry,
  LEASE_KEY,
  LICENSE_ID,
  leaseClaims,
  ROOT,
  STATUS_KEY,
  statusClaims,
  testKey,
} from '../../packages/core/src/test-support/factory.js'
import { BUNDLE, bundle } from './bundle-fixture.js'
import { APP, after, CONTACT, EVALUATE_CONTEXT, evaluateVector, FULL } from './bundle-vectors.js'
import { DAY, ISSUER, PRODUCT, T0, type VectorFile } from './common.js'
import { summary } from './decision-helpers.js'
import { flipBit, signatureOf, token, withSignature } from './jws.js'

const NOW = T0 + DAY
const NEW_OS = fingerprintComponent('os', 'new')
const NEW_HOST = fingerprintComponent('host', 'new')
const NEW_DISK = fingerprintComponent('disk', 'new')
const invalid = { state: 'invalid' as const, features: [], deadline: null }
const early = { clock: { ...CONTACT, highWater: NOW }, time: NOW, license: null }

export function decisionFile(): VectorFile {
  return {
    description:
      'evaluate() deviations: store, key set, lease, claims, device, revocation, offline window, compatibility, ' +
      'clock. Same file-level context as bundle.json; now = T0 + 1 day unless overridden.',
    context: { ...EVALUATE_CONTEXT, now: NOW },
    vectors: [...earlyVectors(), ...judgedVectors(), ...capVectors()],
  }
}

function earlyVectors() {
  const stranger = testKey('stranger')
  const keysetSig = flipBit(signatureOf(BUNDLE.keyset), 0)
  const leaseSig = flipBit(signatureOf(BUNDLE.lease), 0)
  const retiredLeaseKey = keysetEntry('k-lease-1', LEASE_KEY, ['lease'], T0 - DAY, T0 - 1)
  const forgedLink = token('root', stranger, ROOT.thumbprint, {
    v: 1,
    iss: ISSUER,
    ver: 2,
    iat: T0,
    key: stranger.jwk,
  })
  return [
    evaluateVector(
      'not-activated',
      {
        ...invalid,
        trace: { store: ['fail', 'NOT_ACTIVATED'] },
        clock: { trustedTime: 0, trustedAt: 0, highWater: NOW },
        time: NOW,
        license: null,
      },
      { store: 'missing', bundle: null, clock: { trustedTime: 0, trustedAt: 0, highWater: 0 } },
    ),
    evaluateVector(
      'store-corrupt-keeps-app-essentials',
      {
        state: 'limited',
        features: ['view'],
        deadline: null,
        trace: { store: ['fail', 'STORE_CORRUPT'] },
        ...early,
      },
      { store: 'corrupt' },
    ),
    evaluateVector(
      'keyset-rollback',
      { ...invalid, trace: { keyset: { fail: 'KEYSET_ROLLBACK', error: 'KEYSET_ROLLBACK' } }, ...early },
      { keysetVersion: 2 },
    ),
    evaluateVector(
      'keyset-unknown-root',
      { ...invalid, trace: { keyset: { fail: 'ROOT_UNKNOWN', error: 'ROOT_UNKNOWN' } }, ...early },
      { roots: [stranger.jwk] },
    ),
    evaluateVector(
      'keyset-signature-invalid',
      { ...invalid, trace: { keyset: { fail: 'KEYSET_INVALID', error: 'SIGNATURE_INVALID' } }, ...early },
      { bundle: { ...BUNDLE, keyset: withSignature(BUNDLE.keyset, keysetSig) } },
    ),
    evaluateVector(
      'lease-signature-invalid',
      { ...invalid, trace: { lease: { fail: 'LEASE_INVALID', error: 'SIGNATURE_INVALID' } }, ...early },
      { bundle: { ...BUNDLE, lease: withSignature(BUNDLE.lease, leaseSig) } },
    ),
    evaluateVector(
      'lease-of-another-issuer',
      { ...invalid, trace: { lease: { fail: 'KEY_UNKNOWN', error: 'KEY_UNKNOWN' } }, ...early },
      {
        bundle: {
          ...BUNDLE,
          lease: token('lease', testKey('another-issuer-lease'), 'k-other-1', leaseClaims()),
        },
      },
      'A lease names no issuer: its issuer is the key set holding its kid, and this key set does not.',
    ),
    evaluateVector(
      'receipt-of-another-issuer',
      { ...invalid, trace: { lease: { fail: 'BUNDLE_INVALID', error: 'BUNDLE_INVALID' } }, ...early },
      { bundle: bundle({ status: { iss: 'another-issuer' } }) },
      "The status receipt's iss differs from the key set's iss.",
    ),
    evaluateVector(
      'bundle-parts-disagree',
      { ...invalid, trace: { lease: { fail: 'BUNDLE_INVALID', error: 'BUNDLE_INVALID' } }, ...early },
      { bundle: bundle({ status: { sub: 'lic_02' } }) },
      'The status receipt is about another license.',
    ),
    evaluateVector(
      'lease-signed-by-status-key',
      { ...invalid, trace: { lease: { fail: 'KEY_WRONG_PURPOSE', error: 'KEY_WRONG_PURPOSE' } }, ...early },
      { bundle: { ...BUNDLE, lease: token('lease', STATUS_KEY, 'k-status-1', leaseClaims()) } },
    ),
    evaluateVector(
      'lease-issued-outside-its-key-window',
      { ...invalid, trace: { lease: { fail: 'KEY_OUTSIDE_WINDOW', error: 'KEY_OUTSIDE_WINDOW' } }, ...early },
      {
        bundle: bundle({
          keyset: { keys: [retiredLeaseKey, keysetEntry('k-status-1', STATUS_KEY, ['status', 'time'])] },
        }),
      },
      'The key set lists k-lease-1 for tokens issued up to T0 - 1; the lease was issued at T0.',
    ),
    evaluateVector(
      'rotation-link-forged',
      {
        ...invalid,
        trace: { keyset: { fail: 'ROOT_ROTATION_INVALID', error: 'ROOT_ROTATION_INVALID' } },
        ...early,
      },
      { bundle: bundle({ chain: [forgedLink], root: stranger }) },
      'The link names the pinned root as kid but is signed by the key it introduces.',
    ),
  ]
}

function judgedVectors() {
  const revokedStatus = token(
    'status',
    STATUS_KEY,
    'k-status-1',
    statusClaims({
      iat: T0 + DAY / 2,
      jti: 'sts_02',
      sts: 'revoked',
      rvk: { k: 'license', at: T0 + DAY / 2 - 60, rsn: 'refund' },
    }),
  )
  const revocations = { product: PRODUCT, seq: 3, entries: [{ k: 'license', id: LICENSE_ID, at: T0 + 60 }] }
  const judged = { ...invalid, ...after(NOW) }
  return [
    evaluateVector(
      'wrong-product',
      { ...judged, trace: { claims: ['fail', 'WRONG_PRODUCT'] } },
      { app: { ...APP, product: 'other-product' } },
    ),
    evaluateVector(
      'not-yet-valid',
      {
        ...judged,
        deadline: T0 - 120,
        trace: { claims: ['fail', 'NOT_YET_VALID'] },
        clock: { trustedTime: 0, trustedAt: 0, highWater: T0 - DAY },
        time: T0 - DAY,
      },
      { now: T0 - DAY, clock: { trustedTime: 0, trustedAt: 0, highWater: 0 } },
      'Valid from iat (T0) minus the 120 s tolerance: that is the next state change.',
    ),
    evaluateVector(
      'device-mismatch',
      { ...judged, trace: { device: ['fail', 'DEVICE_MISMATCH'] } },
      { device: { id: testKey('device-2').thumbprint, components: COMPONENTS } },
    ),
    evaluateVector(
      'fingerprint-mismatch',
      { ...judged, trace: { device: ['fail', 'FINGERPRINT_MISMATCH'] } },
      { device: { id: DEVICE.thumbprint, components: [...COMPONENTS.slice(0, 2), NEW_OS, NEW_HOST] } },
      '2 of 6 components match; the lease needs 3.',
    ),
    evaluateVector(
      'fingerprint-changed-within-k',
      {
        state: 'active',
        features: FULL,
        deadline: T0 + 3 * DAY,
        trace: { device: ['warn', 'FINGERPRINT_CHANGED'] },
        ...after(NOW),
      },
      {
        device: { id: DEVICE.thumbprint, components: [...COMPONENTS.slice(0, 5), NEW_DISK] },
      },
    ),
    evaluateVector(
      'revoked-by-revocation-list',
      { ...judged, state: 'revoked', trace: { revocation: ['fail', 'REVOKED'] } },
      { revocations },
    ),
    evaluateVector(
      'revoked-by-newer-status-receipt',
      { ...judged, state: 'revoked', trace: { revocation: ['fail', 'REVOKED'] } },
      { status: revokedStatus },
    ),
    evaluateVector(
      'newer-status-receipt-invalid',
      { ...judged, trace: { revocation: { fail: 'STATUS_INVALID', error: 'KEY_WRONG_PURPOSE' } } },
      { status: token('status', LEASE_KEY, 'k-lease-1', statusClaims({ iat: T0 + DAY / 2 })) },
    ),
    evaluateVector(
      'clock-rollback-uses-high-water-mark',
      {
        state: 'renewal_due',
        features: FULL,
        deadline: T0 + 7 * DAY,
        trace: { offline: ['warn', 'RENEWAL_DUE'], clock: ['warn', 'CLOCK_ROLLBACK'] },
        clock: { ...CONTACT, highWater: T0 + 5 * DAY },
        time: T0 + 5 * DAY,
        license: summary(),
      },
      { clock: { ...CONTACT, highWater: T0 + 5 * DAY } },
      'The system clock reads T0+1d after T0+5d was seen: time stays T0+5d, access is not extended.',
    ),
    evaluateVector(
      'feature-aliases-editions-and-app-features',
      {
        state: 'active',
        features: ['export-pdf', 'reports', 'sync', 'view'],
        deadline: T0 + 3 * DAY,
        ...after(NOW),
      },
      {
        app: {
          ...APP,
          features: ['export-pdf', 'reports', 'sync', 'view'],
          compat: { aliases: { 'export-pdf': ['export'] }, editions: { pro: ['reports'] } },
        },
      },
    ),
  ]
}

function capVectors() {
  const vmx = leaseClaims({ vmx: '1.3.9' })
  const short = leaseClaims({ ofw: 2 * DAY })
  const deny = leaseClaims({ fbk: 'deny' })
  const vmxDeny = leaseClaims({ vmx: '1.3.9', fbk: 'deny' })
  return [
    evaluateVector(
      'app-version-not-covered',
      {
        state: 'limited',
        features: ['view'],
        deadline: null,
        trace: { compatibility: ['warn', 'APP_VERSION_NOT_COVERED'] },
        ...after(NOW),
        license: summary(vmx),
      },
      { bundle: bundle({ lease: { vmx: '1.3.9' } }) },
    ),
    evaluateVector(
      'keyset-expired-caps-at-limited',
      {
        state: 'limited',
        features: ['view'],
        deadline: null,
        trace: { keyset: ['warn', 'KEYSET_EXPIRED'], offline: ['warn', 'RENEWAL_DUE'] },
        ...after(T0 + 6 * DAY),
      },
      { now: T0 + 6 * DAY, bundle: bundle({ keyset: { exp: T0 + 5 * DAY } }) },
    ),
    evaluateVector(
      'offline-too-long',
      {
        state: 'offline_grace',
        features: FULL,
        deadline: T0 + 5 * DAY,
        trace: { offline: ['warn', 'OFFLINE_TOO_LONG', 'IN_GRACE'] },
        ...after(T0 + 2 * DAY + 3600),
        license: summary(short),
      },
      { now: T0 + 2 * DAY + 3600, bundle: bundle({ lease: { ofw: 2 * DAY } }) },
      'ofw 2 days from the last contact (T0) ends the window before exp; grace keeps its 3 days.',
    ),
    evaluateVector(
      'deny-fallback-after-grace',
      {
        state: 'expired',
        features: [],
        deadline: null,
        trace: { offline: ['warn', 'GRACE_ENDED'] },
        ...after(T0 + 11 * DAY),
        license: summary(deny),
      },
      { now: T0 + 11 * DAY, bundle: bundle({ lease: { fbk: 'deny' } }) },
    ),
    evaluateVector(
      'keyset-expiry-before-renew-after-is-the-deadline',
      { state: 'active', features: FULL, deadline: T0 + 2 * DAY, ...after(NOW) },
      { bundle: bundle({ keyset: { exp: T0 + 2 * DAY } }) },
      'The key set expires at T0+2d, before renew-after (T0+3d): the state drops to limited then.',
    ),
    evaluateVector(
      'app-version-not-covered-deny-fallback-expires-after-grace',
      {
        state: 'limited',
        features: ['view'],
        deadline: T0 + 10 * DAY,
        trace: { compatibility: ['warn', 'APP_VERSION_NOT_COVERED'] },
        ...after(NOW),
        license: summary(vmxDeny),
      },
      { bundle: bundle({ lease: { vmx: '1.3.9', fbk: 'deny' } }) },
      'Capped at limited by the app version; with fallback deny the state still becomes expired at grace end.',
    ),
  ]
}
