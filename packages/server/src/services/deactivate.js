import { assertIssuable } from '@tessera/core';
import { HttpProblem } from '../http/problem.js';
import { recordAudit } from './audit-log.js';
import { openDeviceSession, refuseIfRevoked } from './device-session.js';
import { newId } from './ids.js';
import { resolvePolicy } from './policy-resolution.js';
/**
 * The device gives its seat back (to move to a new machine): the policy's transfer limit and
 * cool-down apply, its leases are revoked (a restored copy of the store learns it at its next
 * contact), and it gets a signed receipt.
 */
export async function deactivate(ctx, request, body) {
    const session = await openDeviceSession(ctx, request, body);
    await refuseIfRevoked(ctx, session);
    const { license, device, now } = session;
    if (device.status !== 'active')
        throw new HttpProblem('DEVICE_NOT_FOUND', 'this device holds no seat');
    const { params } = await resolvePolicy(ctx.storage, license);
    const [latest] = await ctx.storage.listLeases({ licenseId: license.id, deviceId: device.deviceId });
    const result = await ctx.storage.recordTransfer({
        licenseId: license.id,
        fromDeviceId: device.deviceId,
        now,
        maxTransfers: params.transfers.max === 0 ? Number.POSITIVE_INFINITY : params.transfers.max,
        cooldownSeconds: params.transfers.cooldown,
        reason: 'deactivated',
    });
    if (!result.ok) {
        const retryAt = result.reason === 'TRANSFER_COOLDOWN' ? { retryAt: result.retryAt } : {};
        throw new HttpProblem('TRANSFER_LIMIT', 'the policy does not allow moving this seat now', {
            extensions: retryAt,
        });
    }
    const claims = {
        v: 1,
        iss: ctx.keyring.issuer,
        aud: license.productId,
        sub: license.id,
        dev: device.deviceId,
        lea: latest?.jti ?? 'none',
        iat: now,
        jti: newId('dea', ctx.random),
    };
    assertIssuable('deactivation', claims);
    const receipt = await ctx.keyring.sign('deactivation', claims);
    await recordAudit(ctx, {
        actor: `device:${device.deviceId}`,
        action: 'device.deactivate',
        target: license.id,
        data: { receipt: claims.jti },
    });
    return receipt;
}
//# sourceMappingURL=deactivate.js.map