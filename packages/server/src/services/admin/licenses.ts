import { formatLicenseKey, licenseKeyHash } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type { ServerContext } from '../../context.js'
import { HttpProblem } from '../../http/problem.js'
import type { AdminToken, License, LicenseQuery, LicenseStatus } from '../../storage/index.js'
import { newId } from '../ids.js'
import { resolvePolicy } from '../policy-resolution.js'
import { assertSubset, requireProduct } from './catalog.js'
import { auditOperator } from './operator-audit.js'
import { requirePolicy } from './policies.js'
import { deviceView, leaseView, licenseView } from './views.js'

/** Leases shown with a license: the newest ones. */
const RECENT_LEASES = 20

export interface NewLicenseBody {
  product: string
  policy: string
  edition?: string
  features?: string[]
  seats?: number
  ownerRef?: string
  expiresAt?: number
}

/** Something shaped like an e-mail address: owner references are opaque account ids, never personal data. */
const EMAIL_LIKE = /@/

/**
 * Sells a license: a fresh human-friendly key (shown once; only its hash is stored), the edition's
 * features unless others are given, one seat unless more are.
 */
export async function createLicense(ctx: ServerContext, operator: AdminToken, body: NewLicenseBody) {
  if (body.ownerRef !== undefined && EMAIL_LIKE.test(body.ownerRef)) {
    throw new HttpProblem(
      'VALIDATION_FAILED',
      'ownerRef must be an opaque account id, not an e-mail address or other personal data',
      { extensions: { errors: [{ path: '/ownerRef', message: 'looks like personal data' }] } },
    )
  }
  const now = ctx.now()
  if (body.expiresAt !== undefined && body.expiresAt <= now) {
    throw new HttpProblem('VALIDATION_FAILED', 'expiresAt must be in the future', {
      extensions: { errors: [{ path: '/expiresAt', message: 'in the past' }] },
    })
  }
  const product = await requireProduct(ctx, body.product)
  const policy = await requirePolicy(ctx.storage, body.policy)
  if (policy.productId !== product.id) {
    throw new HttpProblem('VALIDATION_FAILED', `policy ${policy.id} belongs to another product`, {
      extensions: { errors: [{ path: '/policy', message: 'policy of another product' }] },
    })
  }
  const edition = body.edition ? await ctx.storage.getEdition(product.id, body.edition) : undefined
  if (body.edition && !edition)
    throw new HttpProblem('NOT_FOUND', `no edition ${body.edition} of ${product.id}`)
  const features = body.features ?? edition?.features ?? product.features
  assertSubset(features, product.features, 'features')
  const key = formatLicenseKey(ctx.random(16))
  const license = await ctx.storage.createLicense({
    id: newId('lic', ctx.random),
    productId: product.id,
    policyId: policy.id,
    keyHash: licenseKeyHash(key, nodeCrypto),
    keyHint: key.slice(-4),
    ownerRef: body.ownerRef ?? '',
    edition: edition?.id ?? 'default',
    features: [...new Set(features)],
    seats: body.seats ?? 1,
    expiresAt: body.expiresAt ?? null,
    createdAt: now,
  })
  await auditOperator(ctx, operator, 'license.create', license.id, {
    product: license.productId,
    policy: license.policyId,
    edition: license.edition,
    seats: license.seats,
  })
  return { id: license.id, key, license: licenseView(license) }
}

export interface LicenseSearch {
  product?: string
  status?: LicenseStatus
  /** A license key (found by its hash), a license id prefix (lic_…) or an exact owner reference. */
  q?: string
  limit?: number
  offset?: number
}

export async function searchLicenses(ctx: ServerContext, search: LicenseSearch) {
  const limit = search.limit ?? 50
  const offset = search.offset ?? 0
  const query: LicenseQuery = {
    ...(search.product ? { productId: search.product } : {}),
    ...(search.status ? { status: search.status } : {}),
  }
  const q = search.q?.trim()
  if (q) {
    const byKey = await findLicenseByKeyText(ctx, q)
    if (byKey !== null) {
      const hit = byKey && matches(byKey, query) ? [byKey] : []
      return {
        licenses: hit.slice(offset, offset + limit).map(licenseView),
        total: hit.length,
        limit,
        offset,
      }
    }
    if (q.startsWith('lic_')) query.idPrefix = q
    else query.ownerRef = q
  }
  const [rows, total] = await Promise.all([
    ctx.storage.listLicenses({ ...query, limit, offset }),
    ctx.storage.countLicenses(query),
  ])
  return { licenses: rows.map(licenseView), total, limit, offset }
}

/** A license with its devices, its newest leases, the policy version it follows and its seats in use. */
export async function showLicense(ctx: ServerContext, id: string) {
  const license = await requireLicense(ctx, id)
  const [devices, leases, policy] = await Promise.all([
    ctx.storage.listDevices(id),
    ctx.storage.listLeases({ licenseId: id, limit: RECENT_LEASES }),
    resolvePolicy(ctx.storage, license),
  ])
  return {
    ...licenseView(license),
    policyVersion: policy.version,
    seatsInUse: devices.filter((d) => d.status === 'active').length,
    devices: devices.map(deviceView),
    leases: leases.map(leaseView),
  }
}

export async function requireLicense(ctx: ServerContext, id: string): Promise<License> {
  const license = await ctx.storage.getLicense(id)
  if (!license) throw new HttpProblem('LICENSE_NOT_FOUND', 'no such license')
  return license
}

/** TSR + 27 symbols, with or without separators: what an operator pastes from a support ticket. */
const LICENSE_KEY_SHAPE = /^TSR([-\s]?[0-9A-Z]{5}){5}[-\s]?[0-9A-Z]{2}$/i

/**
 * The license of a pasted license key: null when `q` is not shaped like a key (search it as an id
 * instead), undefined when it is a key of no license; LICENSE_KEY_MALFORMED when it is mistyped.
 */
export async function findLicenseByKeyText(
  ctx: ServerContext,
  q: string,
): Promise<License | undefined | null> {
  if (!LICENSE_KEY_SHAPE.test(q)) return null
  let hash: string
  try {
    hash = licenseKeyHash(q, nodeCrypto)
  } catch {
    throw new HttpProblem('LICENSE_KEY_MALFORMED', 'q looks like a license key but is mistyped')
  }
  return ctx.storage.findLicenseByKeyHash(hash)
}

function matches(license: License, query: LicenseQuery): boolean {
  return (
    (query.productId === undefined || license.productId === query.productId) &&
    (query.status === undefined || license.status === query.status)
  )
}
