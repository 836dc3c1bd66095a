import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
export interface TelemetryInputEvent {
    id: string;
    type: 'renewal' | 'offline' | 'anomaly';
    at: number;
    outcome?: 'ok' | 'offline' | 'server_error' | 'rejected';
    seconds?: number;
    code?: string;
}
/** A pseudonym of the device: it cannot be turned back into the device id or linked to a person. */
export declare function deviceHash(deviceId: string): string;
/** Stores privacy-safe client events (schema-checked and bounded at the route) and feeds metrics. */
export declare function ingestTelemetry(ctx: ServerContext, request: FastifyRequest, body: {
    product: string;
    license: string;
    events: TelemetryInputEvent[];
    dropped?: number;
}): Promise<number>;
//# sourceMappingURL=telemetry.d.ts.map