import type { ServerContext } from '../../context.js';
import type { AdminToken } from '../../storage/index.js';
export interface KeysetImport {
    /** The key set JWS, signed by the root where it is kept (offline). */
    keyset: string;
    /** Where the private key of each listed key that the server does not know yet lives. */
    sources?: {
        kid: string;
        source: string;
    }[];
}
/**
 * Imports a key set signed elsewhere (offline root): it must chain to the pinned root
 * (root.pub.jwk), raise the version, carry this server's issuer, be unexpired, and list only keys
 * whose private half the server can reach (configured, or given here with a source that opens to
 * that very public key), enough to sign every token kind now. Every replica adopts it.
 */
export declare function importKeyset(ctx: ServerContext, operator: AdminToken, body: KeysetImport): Promise<{
    version: number;
    keys: {
        kid: string;
        use: import("@tessera/core").KeyPurpose[];
        nbf: number;
        exp: number;
    }[];
}>;
//# sourceMappingURL=keyset-import.d.ts.map