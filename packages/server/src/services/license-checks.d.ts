import type { ServerContext } from '../context.js';
import type { License, Product } from '../storage/index.js';
/** The license and its product, or the one answer that does not reveal which of the two is unknown. */
export declare function loadLicense(ctx: ServerContext, licenseId: string, productId: string): Promise<{
    license: License;
    product: Product;
}>;
/** Suspended or past its subscription end: no new lease (revocation is handled with a receipt). */
export declare function assertLicenseUsable(license: License, now: number): void;
//# sourceMappingURL=license-checks.d.ts.map