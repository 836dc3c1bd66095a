import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { SignerError } from './signer.js';
/** Wraps a raw 32-byte Ed25519 public key as a node:crypto KeyObject. */
export function ed25519PublicKeyObject(raw) {
    if (raw.length !== 32)
        throw new SignerError('SIGNER_UNSUPPORTED_KEY', 'Ed25519 public key must be 32 bytes');
    const x = Buffer.from(raw).toString('base64url');
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}
/**
 * Signs a random challenge and verifies it against `publicKey`, so a signer whose public key does not
 * belong to its private key (e.g. mismatched PKCS#11 objects) fails at open, not in clients' hands.
 */
export async function assertKeyPairMatches(publicKey, sign) {
    const challenge = randomBytes(32);
    const signature = await sign(challenge);
    if (signature.length !== 64 || !verify(null, challenge, ed25519PublicKeyObject(publicKey), signature)) {
        throw new SignerError('SIGNER_KEY_MISMATCH', 'self-test signature does not verify with the public key');
    }
}
//# sourceMappingURL=ed25519-check.js.map