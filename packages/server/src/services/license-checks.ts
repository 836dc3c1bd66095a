import type { ServerContext } from '../context.js'
import { HttpProblem } from '../http/problem.js'
import type { License, Product } from '../storage/index.js'

/** The license and its product, or the one answer that does not reveal which of the two is unknown. */
export async function loadLicense(
  ctx: ServerContext,
  licenseId: string,
  productId: string,
): Promise<{ license: License; product: Product }> {
  return ofProduct(ctx, await ctx.storage.getLicense(licenseId), productId)
}

/** The same for the license a key (hash) opens: an unknown key and a key of another product look alike. */
export async function loadLicenseByKeyHash(
  ctx: ServerContext,
  keyHash: string,
  productId: string,
): Promise<{ license: License; product: Product }> {
  return ofProduct(ctx, await ctx.storage.findLicenseByKeyHash(keyHash), productId)
}

async function ofProduct(ctx: ServerContext, license: License | undefined, productId: string) {
  const product = license?.productId === productId ? await ctx.storage.getProduct(productId) : undefined
  if (!license || !product) throw new HttpProblem('LICENSE_NOT_FOUND', 'no such license for this product')
  return { license, product }
}

/** Suspended or past its subscription end: no new lease (revocation is handled with a receipt). */
export function assertLicenseUsable(license: License, now: number): void {
  if (license.status === 'suspended') throw new HttpProblem('LICENSE_SUSPENDED', 'this license is suspended')
  if (license.expiresAt !== null && now >= license.expiresAt) {
    throw new HttpProblem('LICENSE_EXPIRED', 'this license has ended; renew the subscription')
  }
}
