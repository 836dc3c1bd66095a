import { createHash } from 'node:crypto';
import { openDeviceSession } from './device-session.js';
/** A pseudonym of the device: it cannot be turned back into the device id or linked to a person. */
export function deviceHash(deviceId) {
    return createHash('sha256').update(`tessera-telemetry:v1:${deviceId}`).digest('hex').slice(0, 32);
}
/** Stores privacy-safe client events (schema-checked and bounded at the route) and feeds metrics. */
export async function ingestTelemetry(ctx, request, body) {
    const session = await openDeviceSession(ctx, request, body);
    const hash = deviceHash(session.device.deviceId);
    const events = body.events.map((e) => ({
        id: `${hash}:${e.id}`,
        deviceHash: hash,
        productId: session.product.id,
        type: e.type,
        at: e.at,
        data: {
            ...(e.outcome ? { outcome: e.outcome } : {}),
            ...(e.seconds !== undefined ? { seconds: e.seconds } : {}),
            ...(e.code ? { code: e.code } : {}),
        },
        receivedAt: session.now,
    }));
    if (body.dropped) {
        events.push({
            id: `${hash}:dropped:${session.now}`,
            deviceHash: hash,
            productId: session.product.id,
            type: 'dropped',
            at: session.now,
            data: { count: body.dropped },
            receivedAt: session.now,
        });
    }
    const accepted = await ctx.storage.insertTelemetry(events);
    for (const e of body.events) {
        ctx.metrics.telemetryEvents.inc({ type: e.type });
        if (e.type === 'offline' && e.seconds !== undefined)
            ctx.metrics.offlineDuration.observe(e.seconds);
        if (e.type === 'anomaly')
            ctx.metrics.anomalies.inc({ code: e.code ?? 'unknown' });
    }
    return accepted;
}
//# sourceMappingURL=telemetry.js.map