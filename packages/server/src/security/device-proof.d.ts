import { type ProofClaims, type PublicJwk } from '@tessera/core';
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
export declare const PROOF_HEADER = "tessera-proof";
/** The device id a request's proof claims to come from (its kid), before anything is verified. */
export declare function proofDeviceId(request: FastifyRequest): string;
/**
 * Verifies the request's proof of possession with the device's key: bound to this method, path
 * and exact body bytes, fresh, optionally carrying a server nonce, and never seen before (its jti
 * is remembered in the database, so replays are refused by every replica).
 */
export declare function requireDeviceProof(ctx: ServerContext, request: FastifyRequest, deviceKey: PublicJwk, deviceId: string, nonce?: string): Promise<ProofClaims>;
//# sourceMappingURL=device-proof.d.ts.map