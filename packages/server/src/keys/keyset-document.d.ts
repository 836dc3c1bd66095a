import { type KeyPurpose, type KeysetClaims, type KeysetEntry } from '@tessera/core';
import type { Signer } from '../signer/index.js';
/** Days a key set stays valid: clients freeze (limited) past it without a newer one. */
export declare const KEYSET_LIFETIME: number;
/** Days an online key may sign: long enough to outlast every lease it signed. */
export declare const KEY_LIFETIME: number;
export declare function keysetEntry(kid: string, publicKey: Uint8Array, use: KeyPurpose[], nbf: number, exp: number): KeysetEntry;
export declare function keysetClaims(issuer: string, version: number, now: number, keys: KeysetEntry[]): KeysetClaims;
/** Signs key set claims with the root signer (whose kid is the root JWK thumbprint). */
export declare function signKeyset(root: Signer, claims: KeysetClaims): Promise<string>;
//# sourceMappingURL=keyset-document.d.ts.map