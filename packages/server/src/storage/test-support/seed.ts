import type { NewLease } from '../devices.js'
import type { License } from '../licenses.js'
import type { Storage } from '../storage.js'

export const T0 = 1_750_000_000

let counter = 0
/** A unique id with a readable prefix, like the ids services generate. */
export const uid = (prefix: string) =>
  `${prefix}_${(++counter).toString(36)}${Math.random().toString(36).slice(2, 8)}`

/** A product, a policy with version 1 and one active license. */
export async function seedLicense(s: Storage, overrides: Partial<License> = {}) {
  const productId = overrides.productId ?? uid('prd')
  if (!(await s.getProduct(productId))) {
    await s.createProduct({
      id: productId,
      name: 'Product',
      features: ['a', 'b'],
      essential: ['a'],
      createdAt: T0,
    })
  }
  const policyId = overrides.policyId ?? uid('pol')
  if (!(await s.getPolicy(policyId))) {
    await s.createPolicy({ id: policyId, productId, name: 'default', createdAt: T0 })
    await s.createPolicyVersion({ policyId, params: { offlineDays: 7 }, createdAt: T0 })
  }
  return s.createLicense({
    id: overrides.id ?? uid('lic'),
    productId,
    policyId,
    keyHash: overrides.keyHash ?? uid('hash'),
    keyHint: 'AB12',
    ownerRef: overrides.ownerRef ?? 'acct_1',
    edition: 'pro',
    features: ['a', 'b'],
    seats: overrides.seats ?? 5,
    expiresAt: overrides.expiresAt ?? null,
    createdAt: overrides.createdAt ?? T0,
  })
}

export const newDevice = (deviceId = uid('dev')) => ({
  deviceId,
  publicJwk: { kty: 'OKP', crv: 'Ed25519', x: deviceId },
  fingerprint: ['cpu:1', 'disk:2'],
})

export const newLease = (license: License, overrides: Partial<NewLease> = {}): NewLease => ({
  jti: uid('lea'),
  policyId: license.policyId,
  policyVersion: 1,
  issuedAt: T0,
  expiresAt: T0 + 7 * 86_400,
  ...overrides,
})
