import { HttpProblem } from '../http/problem.js';
/** The license and its product, or the one answer that does not reveal which of the two is unknown. */
export async function loadLicense(ctx, licenseId, productId) {
    const license = await ctx.storage.getLicense(licenseId);
    const product = license && license.productId === productId ? await ctx.storage.getProduct(productId) : undefined;
    if (!license || !product)
        throw new HttpProblem('LICENSE_NOT_FOUND', 'no such license for this product');
    return { license, product };
}
/** Suspended or past its subscription end: no new lease (revocation is handled with a receipt). */
export function assertLicenseUsable(license, now) {
    if (license.status === 'suspended')
        throw new HttpProblem('LICENSE_SUSPENDED', 'this license is suspended');
    if (license.expiresAt !== null && now >= license.expiresAt) {
        throw new HttpProblem('LICENSE_EXPIRED', 'this license has ended; renew the subscription');
    }
}
//# sourceMappingURL=license-checks.js.map