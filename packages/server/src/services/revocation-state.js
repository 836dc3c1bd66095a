import { HttpProblem } from '../http/problem.js';
/**
 * Whether the license, the device or the named lease is revoked, and since when: what a status
 * receipt must say. The license wins over the device, the device over the lease. A named lease
 * that belongs to another license or device is refused (404 NOT_FOUND); an unknown one is ignored,
 * so a lost lease record never locks a device out.
 */
export async function revokedState(storage, license, device, leaseJti) {
    if (license.status === 'revoked')
        return entry(storage, license, 'license', license.id, license.revokedReason);
    if (device?.status === 'revoked')
        return entry(storage, license, 'device', device.deviceId, device.revokedReason);
    if (leaseJti) {
        const lease = await storage.getLease(leaseJti);
        if (lease && (lease.licenseId !== license.id || (device && lease.deviceId !== device.deviceId))) {
            throw new HttpProblem('NOT_FOUND', 'no such lease for this device and license');
        }
        if (lease?.revokedAt != null) {
            return entry(storage, license, 'lease', lease.jti, null, lease.revokedAt);
        }
    }
    return null;
}
async function entry(storage, license, kind, targetId, reason, at) {
    const rows = await storage.listRevocations({ productId: license.productId });
    const row = rows.find((r) => r.kind === kind && r.targetId === targetId && r.licenseId === license.id);
    return { kind, at: row?.createdAt ?? at ?? 0, reason: row?.reason ?? reason ?? 'revoked' };
}
//# sourceMappingURL=revocation-state.js.map