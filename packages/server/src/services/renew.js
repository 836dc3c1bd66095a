import { HttpProblem } from '../http/problem.js';
import { recordAudit } from './audit-log.js';
import { openDeviceSession, refuseIfRevoked } from './device-session.js';
import { renewSeat } from './lease-grant.js';
/**
 * Renewal: a device-signed request (fresh, single-use proof) → a fresh bundle under the policy
 * version the license follows now, with its current features. Revoked → 403 + signed receipt.
 */
export async function renew(ctx, request, body) {
    const session = await openDeviceSession(ctx, request, body);
    try {
        await refuseIfRevoked(ctx, session, body.lease);
        if (session.device.status !== 'active')
            throw new HttpProblem('DEVICE_NOT_FOUND', 'this device gave its seat back');
        const { license, device } = session;
        const { bundle, lease } = await renewSeat(ctx, session);
        ctx.metrics.renewals.inc({ outcome: 'ok' });
        await recordAudit(ctx, {
            actor: `device:${device.deviceId}`,
            action: 'device.renew',
            target: license.id,
            data: { lease: lease.jti },
        });
        return bundle;
    }
    catch (err) {
        ctx.metrics.renewals.inc({ outcome: err instanceof HttpProblem ? err.code.toLowerCase() : 'error' });
        throw err;
    }
}
//# sourceMappingURL=renew.js.map