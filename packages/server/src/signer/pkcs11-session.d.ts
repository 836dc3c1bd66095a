import { type Handle, type Pkcs11 } from './pkcs11-module.js';
import type { Pkcs11Uri } from './pkcs11-uri.js';
/** A logged-in session on the token selected by a PKCS#11 URI. */
export interface TokenSession {
    readonly lib: Pkcs11;
    readonly slot: Handle;
    readonly session: Handle;
    /** Logs out (if last user of the token), closes the session and releases the module. Idempotent. */
    close(): void;
}
export interface OpenTokenSessionOptions {
    pin: string;
    /** Read-write session (needed to create objects). */
    readWrite: boolean;
    /** Mechanisms the token must offer, checked before login. */
    mechanisms: readonly number[];
}
export declare function openTokenSession(uri: Pkcs11Uri, options: OpenTokenSessionOptions): TokenSession;
//# sourceMappingURL=pkcs11-session.d.ts.map