import { encodeBase64url } from '@tessera/core';
/** Opaque, unguessable ids with a readable prefix (lic_, lea_, …): 72 random bits, 12 characters. */
export function newId(prefix, random) {
    return `${prefix}_${encodeBase64url(random(9))}`;
}
//# sourceMappingURL=ids.js.map