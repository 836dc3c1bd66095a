import type { Pkcs11Uri } from './pkcs11-uri.js';
/** Environment variable holding the token user PIN when the URI carries neither pin-value nor pin-source. */
export declare const PKCS11_PIN_ENV = "TESSERA_PKCS11_PIN";
/**
 * The user PIN for `uri`: its pin-value, else the file named by its pin-source (trailing newlines
 * removed), else TESSERA_PKCS11_PIN from `env`. No source at all → SIGNER_PIN_REQUIRED.
 */
export declare function resolvePkcs11Pin(uri: Pkcs11Uri, env: Readonly<Record<string, string | undefined>>): Promise<string>;
//# sourceMappingURL=pkcs11-pin.d.ts.map