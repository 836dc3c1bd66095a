import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import type { Device, License, Product } from '../storage/index.js';
/** A device request whose proof verified against the key registered for that license. */
export interface DeviceSession {
    license: License;
    product: Product;
    device: Device;
    now: number;
}
/**
 * Authenticates a device request (renew, status, deactivate, telemetry): the license of this
 * product, the device registered on it, its proof of possession, then the per-license rate limit
 * (counted only for authenticated requests, so knowing a license id is not enough to spend its
 * budget and lock its devices out; unauthenticated traffic meets the per-IP limit).
 */
export declare function openDeviceSession(ctx: ServerContext, request: FastifyRequest, body: {
    product: string;
    license: string;
}): Promise<DeviceSession>;
/**
 * Refuses a revoked license, device or lease with 403 and a signed status receipt saying so, so
 * the client locks at once and can prove why.
 */
export declare function refuseIfRevoked(ctx: ServerContext, session: DeviceSession, lease?: string): Promise<void>;
/**
 * Activation of a revoked license or of a revoked device on it: the same 403 and signed receipt
 * as every other contact (the device proved possession of its key before this is called).
 */
export declare function refuseRevokedActivation(ctx: ServerContext, license: License, deviceId: string): Promise<void>;
//# sourceMappingURL=device-session.d.ts.map