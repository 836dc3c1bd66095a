import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { SignerError } from './signer.js';
export { pkcs11js };
/** PKCS#11 3.0 identifiers that pkcs11js (2.30 headers) does not define. */
export const CKK_EC_EDWARDS = 0x40;
export const CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
export const CKM_EDDSA = 0x1057;
const CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
const CKR_USER_NOT_LOGGED_IN = 0x101;
const CKR_TO_CODE = new Map([
    [0xa0, 'SIGNER_PIN_INCORRECT'], // CKR_PIN_INCORRECT
    [0xa1, 'SIGNER_PIN_INCORRECT'], // CKR_PIN_INVALID
    [0xa2, 'SIGNER_PIN_INCORRECT'], // CKR_PIN_LEN_RANGE
    [0xa4, 'SIGNER_PIN_LOCKED'], // CKR_PIN_LOCKED
    [0x70, 'SIGNER_MECHANISM_UNSUPPORTED'], // CKR_MECHANISM_INVALID
    [0xe0, 'SIGNER_TOKEN_NOT_FOUND'], // CKR_TOKEN_NOT_PRESENT
]);
const modules = new Map();
/** Key for PIN tags: PINs are compared without being kept in memory in clear. */
const pinKey = randomBytes(32);
export function acquireModule(path) {
    const known = modules.get(path);
    if (known) {
        known.refs++;
        return known.lib;
    }
    const lib = new pkcs11js.PKCS11();
    try {
        lib.load(path);
    }
    catch (err) {
        throw new SignerError('SIGNER_MODULE_LOAD_FAILED', `cannot load PKCS#11 module ${path}`, { cause: err });
    }
    let ownsInit = true;
    try {
        lib.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
    }
    catch (err) {
        if (ckr(err) === CKR_CRYPTOKI_ALREADY_INITIALIZED)
            ownsInit = false;
        else {
            lib.close();
            const why = ckrName(err) ?? 'error';
            throw new SignerError('SIGNER_MODULE_LOAD_FAILED', `C_Initialize of ${path} failed: ${why}`, {
                cause: err,
            });
        }
    }
    modules.set(path, { lib, refs: 1, ownsInit, logins: new Map() });
    return lib;
}
export function releaseModule(path) {
    const entry = modules.get(path);
    if (!entry || --entry.refs > 0)
        return;
    modules.delete(path);
    try {
        if (entry.ownsInit)
            entry.lib.C_Finalize();
    }
    finally {
        entry.lib.close();
    }
}
/**
 * Logs the user in on `slot` through `session` unless this process already did; a second login must
 * present the same PIN (the token would only answer CKR_USER_ALREADY_LOGGED_IN, accepting any PIN).
 */
export function loginUser(path, slot, session, pin) {
    const entry = mustGet(path);
    const key = slot.toString('hex');
    const tag = createHmac('sha256', pinKey).update(pin).digest();
    const login = entry.logins.get(key);
    if (login) {
        if (!timingSafeEqual(login.pinTag, tag))
            throw new SignerError('SIGNER_PIN_INCORRECT', 'token rejected the PIN');
        login.refs++;
        return;
    }
    try {
        entry.lib.C_Login(session, pkcs11js.CKU_USER, pin);
    }
    catch (err) {
        throw pkcs11Failure(err, 'C_Login');
    }
    entry.logins.set(key, { refs: 1, pinTag: tag });
}
/** Undoes one loginUser(); the last one calls C_Logout (through `session`, still open). */
export function logoutUser(path, slot, session) {
    const entry = mustGet(path);
    const key = slot.toString('hex');
    const login = entry.logins.get(key);
    if (!login || --login.refs > 0)
        return;
    entry.logins.delete(key);
    try {
        entry.lib.C_Logout(session);
    }
    catch (err) {
        if (ckr(err) !== CKR_USER_NOT_LOGGED_IN)
            throw pkcs11Failure(err, 'C_Logout');
    }
}
/** Maps a pkcs11js error to a SignerError; the message holds only the CKR_* name, never arguments. */
export function pkcs11Failure(err, operation) {
    if (err instanceof SignerError)
        return err;
    const rv = ckr(err);
    const name = ckrName(err) ?? 'native error';
    const code = rv === undefined ? undefined : CKR_TO_CODE.get(rv);
    if (code === 'SIGNER_PIN_INCORRECT')
        return new SignerError(code, 'token rejected the PIN', { cause: err });
    return new SignerError(code ?? 'SIGNER_PKCS11_ERROR', `${operation} failed: ${name}`, { cause: err });
}
/** The CKR_* return value of a pkcs11js error, if it is one. */
export function ckr(err) {
    return err instanceof pkcs11js.Pkcs11Error ? err.code : undefined;
}
function ckrName(err) {
    const message = err instanceof Error ? err.message : '';
    return /^CKR_\w+$/.test(message) ? message : undefined;
}
function mustGet(path) {
    const entry = modules.get(path);
    if (!entry)
        throw new SignerError('SIGNER_CLOSED', 'PKCS#11 module is not loaded');
    return entry;
}
//# sourceMappingURL=pkcs11-module.js.map