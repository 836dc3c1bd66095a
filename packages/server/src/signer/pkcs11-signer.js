import { assertKeyPairMatches } from './ed25519-check.js';
import { CKM_EDDSA, ckr, pkcs11Failure } from './pkcs11-module.js';
import { findPrivateKey, readPublicKey } from './pkcs11-objects.js';
import { resolvePkcs11Pin } from './pkcs11-pin.js';
import { openTokenSession } from './pkcs11-session.js';
import { parsePkcs11Uri } from './pkcs11-uri.js';
import { SerialQueue } from './serial-queue.js';
import { SignerError } from './signer.js';
/** Ed25519 signature length, bytes. */
const SIGNATURE_BYTES = 64;
const CKR_OPERATION_ACTIVE = 0x90;
/**
 * A copy of `data` for C_Sign. An empty Buffer has a NULL data pointer, which SoftHSM2 rejects with
 * CKR_ARGUMENTS_BAD; a zero-length view of a real allocation is a valid (pointer, 0) pair.
 */
function toInput(data) {
    return data.length === 0 ? Buffer.alloc(1).subarray(0, 0) : Buffer.from(data);
}
/**
 * Opens a Signer over the Ed25519 private key named by an RFC 7512 URI, e.g.
 * `pkcs11:token=tessera;object=lease-1?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/pin`.
 * One session per signer; sign() calls are serialized on it. A self-test signature is verified
 * against the public key before the signer is returned.
 */
export async function openPkcs11Signer(uri, options) {
    const parsed = parsePkcs11Uri(uri);
    const pin = await resolvePkcs11Pin(parsed, options.env ?? process.env);
    const token = openTokenSession(parsed, { pin, readWrite: false, mechanisms: [CKM_EDDSA] });
    const { lib, session } = token;
    let key;
    let publicKey;
    try {
        key = findPrivateKey(lib, session, parsed);
        publicKey = readPublicKey(lib, session, key, parsed);
    }
    catch (err) {
        token.close();
        throw err;
    }
    /**
     * Starts a signing operation. Some tokens (SoftHSM2) leave the operation active when C_Sign fails
     * on bad arguments; C_SignInit then says CKR_OPERATION_ACTIVE, and a throwaway C_Sign ends it.
     */
    const signInit = () => {
        try {
            lib.C_SignInit(session, { mechanism: CKM_EDDSA }, key);
        }
        catch (err) {
            if (ckr(err) !== CKR_OPERATION_ACTIVE)
                throw err;
            lib.C_Sign(session, Buffer.alloc(1), Buffer.alloc(SIGNATURE_BYTES));
            lib.C_SignInit(session, { mechanism: CKM_EDDSA }, key);
        }
    };
    const queue = new SerialQueue();
    let closing = false;
    let closed;
    const signNow = async (data) => {
        try {
            signInit();
            const signature = await lib.C_SignAsync(session, toInput(data), Buffer.alloc(SIGNATURE_BYTES));
            return new Uint8Array(signature);
        }
        catch (err) {
            throw pkcs11Failure(err, 'C_Sign');
        }
    };
    const signer = Object.freeze({
        kid: options.kid,
        alg: 'EdDSA',
        publicKey,
        async sign(data) {
            if (closing)
                throw new SignerError('SIGNER_CLOSED', 'signer is closed');
            return queue.run(() => signNow(data));
        },
        /** Lets already queued signatures finish, then logs out, closes the session, finalizes. */
        close() {
            closing = true;
            closed ??= queue.drain().then(() => token.close());
            return closed;
        },
    });
    try {
        await assertKeyPairMatches(publicKey, signer.sign);
    }
    catch (err) {
        await signer.close();
        throw err;
    }
    return signer;
}
//# sourceMappingURL=pkcs11-signer.js.map