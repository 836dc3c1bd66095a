import { formatLicenseKey, licenseKeyHash } from '@tessera/core';
import { nodeCrypto } from '@tessera/crypto-node';
import { newId } from './ids.js';
const DAY = 86_400;
/** The demo policy: 7-day offline window, renew after 3 days, 3 days of grace, then essentials. */
export const DEMO_POLICY = {
    offlineWindow: 7 * DAY,
    renewAfter: 3 * DAY,
    grace: 3 * DAY,
    fallback: 'limited',
    accessTokenTtl: 3600,
    maxDevices: 0,
    fingerprintMatch: 3,
    transfers: { max: 3, cooldown: 0 },
    checkIn: DAY,
};
/** Seeds product `demo` (one essential feature), the demo policy and one 3-seat license. */
export async function seedDemo(storage, input) {
    const { now, random } = input;
    await storage.createProduct({
        id: 'demo',
        name: 'Demo app',
        features: ['view', 'edit', 'export', 'sync'],
        essential: ['view'],
        createdAt: now,
    });
    await storage.putEdition({ productId: 'demo', id: 'pro', features: ['view', 'edit', 'export', 'sync'] });
    const policy = newId('pol', random);
    await storage.createPolicy({ id: policy, productId: 'demo', name: 'Demo: 7 days offline', createdAt: now });
    await storage.createPolicyVersion({
        policyId: policy,
        params: DEMO_POLICY,
        createdAt: now,
    });
    const licenseKey = formatLicenseKey(random(16));
    const license = newId('lic', random);
    await storage.createLicense({
        id: license,
        productId: 'demo',
        policyId: policy,
        keyHash: licenseKeyHash(licenseKey, nodeCrypto),
        keyHint: licenseKey.slice(-4),
        ownerRef: 'acct_demo',
        edition: 'pro',
        features: ['view', 'edit', 'export', 'sync'],
        seats: 3,
        expiresAt: null,
        createdAt: now,
    });
    return { product: 'demo', policy, licenseKey, license };
}
//# sourceMappingURL=demo-seed.js.map