import pkcs11js from 'pkcs11js';
import { SignerError } from './signer.js';
export type Pkcs11 = InstanceType<typeof pkcs11js.PKCS11>;
export type Handle = Buffer;
export { pkcs11js };
/** PKCS#11 3.0 identifiers that pkcs11js (2.30 headers) does not define. */
export declare const CKK_EC_EDWARDS = 64;
export declare const CKM_EC_EDWARDS_KEY_PAIR_GEN = 4181;
export declare const CKM_EDDSA = 4183;
export declare function acquireModule(path: string): Pkcs11;
export declare function releaseModule(path: string): void;
/**
 * Logs the user in on `slot` through `session` unless this process already did; a second login must
 * present the same PIN (the token would only answer CKR_USER_ALREADY_LOGGED_IN, accepting any PIN).
 */
export declare function loginUser(path: string, slot: Handle, session: Handle, pin: string): void;
/** Undoes one loginUser(); the last one calls C_Logout (through `session`, still open). */
export declare function logoutUser(path: string, slot: Handle, session: Handle): void;
/** Maps a pkcs11js error to a SignerError; the message holds only the CKR_* name, never arguments. */
export declare function pkcs11Failure(err: unknown, operation: string): SignerError;
/** The CKR_* return value of a pkcs11js error, if it is one. */
export declare function ckr(err: unknown): number | undefined;
//# sourceMappingURL=pkcs11-module.d.ts.map