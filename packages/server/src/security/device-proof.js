import { decodeJws, encodeBase64url, isTesseraError, verifyDeviceProof, } from '@tessera/core';
import { nodeCrypto } from '@tessera/crypto-node';
import { HttpProblem } from '../http/problem.js';
export const PROOF_HEADER = 'tessera-proof';
/** The device id a request's proof claims to come from (its kid), before anything is verified. */
export function proofDeviceId(request) {
    const header = request.headers[PROOF_HEADER];
    if (typeof header !== 'string' || header.length === 0)
        throw new HttpProblem('PROOF_INVALID', 'Tessera-Proof header is required');
    try {
        return decodeJws(header, 'proof').kid;
    }
    catch (err) {
        throw new HttpProblem('PROOF_INVALID', `Tessera-Proof is malformed (${isTesseraError(err) ? err.code : 'invalid'})`);
    }
}
/**
 * Verifies the request's proof of possession with the device's key: bound to this method, path
 * and exact body bytes, fresh, optionally carrying a server nonce, and never seen before (its jti
 * is remembered in the database, so replays are refused by every replica).
 */
export async function requireDeviceProof(ctx, request, deviceKey, deviceId, nonce) {
    const header = request.headers[PROOF_HEADER];
    const raw = request.rawBody ?? '';
    const check = {
        method: request.method,
        path: request.url.split('?')[0],
        bodyHash: encodeBase64url(nodeCrypto.sha256(Buffer.from(raw, 'utf8'))),
        now: ctx.now(),
        maxSkew: ctx.proofSkewSeconds,
        ...(nonce !== undefined ? { nonce } : {}),
    };
    let claims;
    try {
        claims = verifyDeviceProof(header, deviceKey, check, nodeCrypto);
    }
    catch (err) {
        throw new HttpProblem('PROOF_INVALID', `device proof rejected (${isTesseraError(err) ? err.code : 'invalid'})`);
    }
    const fresh = await ctx.storage.rememberOnce(`pop:${deviceId}:${claims.jti}`, claims.iat + ctx.proofSkewSeconds);
    if (!fresh)
        throw new HttpProblem('PROOF_INVALID', 'device proof was already used (replay)');
    return claims;
}
//# sourceMappingURL=device-proof.js.map