import { openDeviceSession } from './device-session.js';
import { statusReceipt } from './issuance.js';
import { revokedState } from './revocation-state.js';
/** A cheap check-in: a signed status receipt (server time, revoked or not), no new lease. */
export async function checkIn(ctx, request, body) {
    const session = await openDeviceSession(ctx, request, body);
    const revoked = await revokedState(ctx.storage, session.license, session.device, body.lease);
    if (session.device.status === 'active') {
        await ctx.storage.touchDevice({
            licenseId: session.license.id,
            deviceId: session.device.deviceId,
            now: session.now,
        });
    }
    return statusReceipt(ctx, {
        license: session.license,
        deviceId: session.device.deviceId,
        now: session.now,
        ...(revoked ? { revoked } : {}),
        ...(body.lease ? { lease: body.lease } : {}),
    });
}
//# sourceMappingURL=check-in.js.map