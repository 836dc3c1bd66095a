import { endianness } from 'node:os';
import { CKK_EC_EDWARDS, pkcs11Failure, pkcs11js } from './pkcs11-module.js';
import { SignerError } from './signer.js';
/** The one initialized token matching the URI's token attributes (label, serial, …, slot-id). */
export function findSlot(lib, uri) {
    const matches = [];
    try {
        for (const slot of lib.C_GetSlotList(true)) {
            const info = lib.C_GetTokenInfo(slot);
            if ((info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0)
                continue;
            if (!same(uri.token, info.label) || !same(uri.serial, info.serialNumber))
                continue;
            if (!same(uri.manufacturer, info.manufacturerID) || !same(uri.model, info.model))
                continue;
            if (uri.slotId !== undefined && readUlong(slot) !== uri.slotId)
                continue;
            matches.push(slot);
        }
    }
    catch (err) {
        throw pkcs11Failure(err, 'token lookup');
    }
    const what = uri.token === undefined ? 'matching the URI' : `labelled "${uri.token}"`;
    if (matches.length === 0)
        throw new SignerError('SIGNER_TOKEN_NOT_FOUND', `no initialized token ${what}`);
    if (matches.length > 1)
        throw new SignerError('SIGNER_TOKEN_AMBIGUOUS', `several tokens ${what}`);
    return matches[0];
}
/** Throws SIGNER_MECHANISM_UNSUPPORTED unless the token offers every mechanism in `needed`. */
export function requireMechanisms(lib, slot, needed) {
    let offered;
    try {
        offered = lib.C_GetMechanismList(slot);
    }
    catch (err) {
        throw pkcs11Failure(err, 'C_GetMechanismList');
    }
    const missing = needed.filter((m) => !offered.includes(m));
    if (missing.length > 0) {
        const list = missing.map((m) => `0x${m.toString(16)}`).join(', ');
        throw new SignerError('SIGNER_MECHANISM_UNSUPPORTED', `token lacks EdDSA mechanism(s) ${list}`);
    }
}
/** CKA_LABEL / CKA_ID selection from the URI's object and id attributes. */
export function objectSelector(uri) {
    const selector = [];
    if (uri.object !== undefined)
        selector.push({ type: pkcs11js.CKA_LABEL, value: uri.object });
    if (uri.id !== undefined)
        selector.push({ type: pkcs11js.CKA_ID, value: Buffer.from(uri.id) });
    if (selector.length === 0) {
        throw new SignerError('SIGNER_URI_INVALID', 'invalid PKCS#11 URI: needs an "object" or "id" attribute');
    }
    return selector;
}
/** Up to `max` objects matching `template`. */
export function findObjects(lib, session, template, max = 2) {
    try {
        lib.C_FindObjectsInit(session, template);
        try {
            return lib.C_FindObjects(session, max);
        }
        finally {
            lib.C_FindObjectsFinal(session);
        }
    }
    catch (err) {
        throw pkcs11Failure(err, 'C_FindObjects');
    }
}
/** The single Ed25519 private key selected by the URI. */
export function findPrivateKey(lib, session, uri) {
    const template = [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, ...objectSelector(uri)];
    const found = findObjects(lib, session, template);
    if (found.length === 0)
        throw new SignerError('SIGNER_KEY_NOT_FOUND', 'no private key matches the URI');
    if (found.length > 1)
        throw new SignerError('SIGNER_KEY_AMBIGUOUS', 'several private keys match the URI');
    const key = found[0];
    const keyType = readUlong(getAttribute(lib, session, key, pkcs11js.CKA_KEY_TYPE));
    if (keyType !== CKK_EC_EDWARDS) {
        throw new SignerError('SIGNER_UNSUPPORTED_KEY', `private key type 0x${keyType.toString(16)} is not EC_EDWARDS`);
    }
    return key;
}
/**
 * Raw Ed25519 public key of `privateKey`: CKA_EC_POINT of the public key object with the same CKA_ID
 * (or, lacking an id, the same selector), falling back to the private key's own CKA_EC_POINT.
 */
export function readPublicKey(lib, session, privateKey, uri) {
    const id = getAttribute(lib, session, privateKey, pkcs11js.CKA_ID);
    const selector = id.length > 0 ? [{ type: pkcs11js.CKA_ID, value: id }] : objectSelector(uri);
    const template = [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY }, ...selector];
    const [publicKey] = findObjects(lib, session, template, 1);
    if (publicKey !== undefined)
        return unwrapEcPoint(getAttribute(lib, session, publicKey, pkcs11js.CKA_EC_POINT));
    try {
        return unwrapEcPoint(lib.C_GetAttributeValue(session, privateKey, [{ type: pkcs11js.CKA_EC_POINT }])[0].value);
    }
    catch (err) {
        throw new SignerError('SIGNER_KEY_NOT_FOUND', 'no public key object matches the private key', {
            cause: err,
        });
    }
}
/**
 * CKA_EC_POINT of an Edwards key is a DER OCTET STRING (04 20 || 32 bytes) per PKCS#11 3.0; some
 * tokens return the 32 raw bytes. Anything else (e.g. a 57-byte Ed448 point) is not Ed25519.
 */
export function unwrapEcPoint(point) {
    if (point.length === 34 && point[0] === 0x04 && point[1] === 0x20)
        return new Uint8Array(point.subarray(2));
    if (point.length === 32)
        return new Uint8Array(point);
    throw new SignerError('SIGNER_UNSUPPORTED_KEY', 'CKA_EC_POINT is not an Ed25519 public key');
}
export function getAttribute(lib, session, object, type) {
    try {
        return lib.C_GetAttributeValue(session, object, [{ type }])[0].value;
    }
    catch (err) {
        throw pkcs11Failure(err, 'C_GetAttributeValue');
    }
}
/** A CK_ULONG (slot id, key type, …) as returned by pkcs11js: native-endian, 4 or 8 bytes. */
export function readUlong(buf) {
    const le = endianness() === 'LE';
    if (buf.length === 8)
        return Number(le ? buf.readBigUInt64LE() : buf.readBigUInt64BE());
    if (buf.length === 4)
        return le ? buf.readUInt32LE() : buf.readUInt32BE();
    throw new SignerError('SIGNER_PKCS11_ERROR', `unexpected CK_ULONG size ${buf.length}`);
}
function same(wanted, padded) {
    return wanted === undefined || padded.replace(/[ \0]+$/, '') === wanted;
}
//# sourceMappingURL=pkcs11-objects.js.map