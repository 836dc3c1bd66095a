import { ed25519Jwk, signJws } from '@tessera/core';
/** Days a key set stays valid: clients freeze (limited) past it without a newer one. */
export const KEYSET_LIFETIME = 180 * 86_400;
/** Days an online key may sign: long enough to outlast every lease it signed. */
export const KEY_LIFETIME = 400 * 86_400;
export function keysetEntry(kid, publicKey, use, nbf, exp) {
    const jwk = ed25519Jwk(publicKey);
    return { kid, kty: 'OKP', crv: 'Ed25519', x: jwk.x, use, nbf, exp };
}
export function keysetClaims(issuer, version, now, keys) {
    return { v: 1, iss: issuer, ver: version, iat: now, exp: now + KEYSET_LIFETIME, keys };
}
/** Signs key set claims with the root signer (whose kid is the root JWK thumbprint). */
export function signKeyset(root, claims) {
    return signJws('keyset', root.kid, claims, (data) => root.sign(data));
}
//# sourceMappingURL=keyset-document.js.map