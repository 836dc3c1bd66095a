import { type Bundle } from '@tessera/core';
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
export interface ActivateBody {
    product: string;
    licenseKey: string;
    deviceKey: Record<string, unknown>;
    fingerprint: string[];
    app?: {
        version?: string;
    };
}
/**
 * Activation: license key + device public key + fingerprint + proof of possession over a fresh
 * server nonce → a seat (atomically, never more than the seats) and the token bundle.
 */
export declare function activate(ctx: ServerContext, request: FastifyRequest, body: ActivateBody): Promise<Bundle>;
//# sourceMappingURL=activate.d.ts.map