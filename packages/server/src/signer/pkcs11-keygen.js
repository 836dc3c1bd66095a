import { randomBytes } from 'node:crypto';
import { CKK_EC_EDWARDS, CKM_EC_EDWARDS_KEY_PAIR_GEN, CKM_EDDSA, ckr, pkcs11Failure, pkcs11js, } from './pkcs11-module.js';
import { findObjects, getAttribute, objectSelector, unwrapEcPoint } from './pkcs11-objects.js';
import { resolvePkcs11Pin } from './pkcs11-pin.js';
import { openTokenSession } from './pkcs11-session.js';
import { parsePkcs11Uri } from './pkcs11-uri.js';
import { SignerError } from './signer.js';
/** CKA_EC_PARAMS for Ed25519: DER OBJECT IDENTIFIER 1.3.101.112 (RFC 8410), the PKCS#11 3.0 form. */
const ED25519_OID = Buffer.from('06032b6570', 'hex');
/** The older PrintableString "edwards25519" form, which some tokens require instead of the OID. */
const ED25519_NAME = Buffer.concat([Buffer.from([0x13, 12]), Buffer.from('edwards25519', 'latin1')]);
/** Return values meaning "these domain parameters are not accepted", worth retrying with the name form. */
const PARAMS_REFUSED = new Set([0x12, 0x13, 0x130, 0x140, 0xd1]); // ATTRIBUTE_TYPE/VALUE_INVALID, DOMAIN_PARAMS_INVALID, CURVE_NOT_SUPPORTED, TEMPLATE_INCONSISTENT
/**
 * Generates an Ed25519 key pair inside the token named by the URI (object= label and/or id=), as token
 * objects; the private key is sensitive and non-extractable, so it can sign but never leave the token.
 * Refuses (SIGNER_KEY_EXISTS) when a private key with that label/id already exists.
 */
export async function generatePkcs11Key(uri, options = {}) {
    const parsed = parsePkcs11Uri(uri);
    const selector = objectSelector(parsed);
    const pin = await resolvePkcs11Pin(parsed, options.env ?? process.env);
    const token = openTokenSession(parsed, {
        pin,
        readWrite: true,
        mechanisms: [CKM_EC_EDWARDS_KEY_PAIR_GEN, CKM_EDDSA],
    });
    try {
        const existing = findObjects(token.lib, token.session, [
            { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
            ...selector,
        ]);
        if (existing.length > 0)
            throw new SignerError('SIGNER_KEY_EXISTS', 'a private key with this label/id exists');
        return generate(token.lib, token.session, parsed);
    }
    finally {
        token.close();
    }
}
function generate(lib, session, uri) {
    const id = uri.id ?? new Uint8Array(randomBytes(16));
    const forms = [
        ['oid', ED25519_OID],
        ['printable-string', ED25519_NAME],
    ];
    for (const [form, params] of forms) {
        try {
            const { publicKey } = lib.C_GenerateKeyPair(session, { mechanism: CKM_EC_EDWARDS_KEY_PAIR_GEN }, [
                ...common(uri, id),
                { type: pkcs11js.CKA_VERIFY, value: true },
                { type: pkcs11js.CKA_EC_PARAMS, value: params },
            ], [
                ...common(uri, id),
                { type: pkcs11js.CKA_PRIVATE, value: true },
                { type: pkcs11js.CKA_SIGN, value: true },
                { type: pkcs11js.CKA_SENSITIVE, value: true },
                { type: pkcs11js.CKA_EXTRACTABLE, value: false },
            ]);
            const raw = unwrapEcPoint(getAttribute(lib, session, publicKey, pkcs11js.CKA_EC_POINT));
            const label = uri.object;
            return { publicKey: raw, id, ecParams: form, ...(label === undefined ? {} : { label }) };
        }
        catch (err) {
            const rv = ckr(err);
            if (form === 'oid' && rv !== undefined && PARAMS_REFUSED.has(rv))
                continue;
            throw pkcs11Failure(err, 'C_GenerateKeyPair');
        }
    }
    throw new SignerError('SIGNER_MECHANISM_UNSUPPORTED', 'token accepts no Ed25519 EC_PARAMS form');
}
function common(uri, id) {
    const attrs = [
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_KEY_TYPE, value: CKK_EC_EDWARDS },
        { type: pkcs11js.CKA_ID, value: Buffer.from(id) },
    ];
    if (uri.object !== undefined)
        attrs.push({ type: pkcs11js.CKA_LABEL, value: uri.object });
    return attrs;
}
//# sourceMappingURL=pkcs11-keygen.js.map