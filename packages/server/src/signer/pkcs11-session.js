import { acquireModule, loginUser, logoutUser, pkcs11Failure, pkcs11js, releaseModule, } from './pkcs11-module.js';
import { findSlot, requireMechanisms } from './pkcs11-objects.js';
export function openTokenSession(uri, options) {
    const lib = acquireModule(uri.modulePath);
    let slot;
    let session;
    let loggedIn = false;
    let closed = false;
    /** Runs every step even if one fails, then rethrows the first failure. */
    const close = () => {
        if (closed)
            return;
        closed = true;
        const steps = [
            () => loggedIn && slot && session && logoutUser(uri.modulePath, slot, session),
            () => session && lib.C_CloseSession(session),
            () => releaseModule(uri.modulePath),
        ];
        let first;
        for (const step of steps) {
            try {
                step();
            }
            catch (err) {
                first ??= pkcs11Failure(err, 'close');
            }
        }
        if (first !== undefined)
            throw first;
    };
    try {
        slot = findSlot(lib, uri);
        requireMechanisms(lib, slot, options.mechanisms);
        const flags = pkcs11js.CKF_SERIAL_SESSION | (options.readWrite ? pkcs11js.CKF_RW_SESSION : 0);
        try {
            session = lib.C_OpenSession(slot, flags);
        }
        catch (err) {
            throw pkcs11Failure(err, 'C_OpenSession');
        }
        loginUser(uri.modulePath, slot, session, options.pin);
        loggedIn = true;
        return { lib, slot, session, close };
    }
    catch (err) {
        try {
            close();
        }
        catch {
            // the open failure is the error worth reporting
        }
        throw err;
    }
}
//# sourceMappingURL=pkcs11-session.js.map