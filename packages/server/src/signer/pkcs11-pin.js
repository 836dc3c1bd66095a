import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignerError } from './signer.js';
/** Environment variable holding the token user PIN when the URI carries neither pin-value nor pin-source. */
export const PKCS11_PIN_ENV = 'TESSERA_PKCS11_PIN';
/**
 * The user PIN for `uri`: its pin-value, else the file named by its pin-source (trailing newlines
 * removed), else TESSERA_PKCS11_PIN from `env`. No source at all → SIGNER_PIN_REQUIRED.
 */
export async function resolvePkcs11Pin(uri, env) {
    if (uri.pinValue !== undefined && uri.pinValue !== '')
        return uri.pinValue;
    if (uri.pinSource !== undefined)
        return readPinFile(pinSourcePath(uri.pinSource));
    const fromEnv = env[PKCS11_PIN_ENV];
    if (fromEnv !== undefined && fromEnv !== '')
        return fromEnv;
    throw new SignerError('SIGNER_PIN_REQUIRED', `no PIN: give pin-value or pin-source in the PKCS#11 URI, or set ${PKCS11_PIN_ENV}`);
}
function pinSourcePath(source) {
    if (source.startsWith('file:')) {
        try {
            return fileURLToPath(new URL(source));
        }
        catch (err) {
            throw new SignerError('SIGNER_URI_INVALID', 'pin-source is not a valid file: URI', { cause: err });
        }
    }
    if (isAbsolute(source))
        return source;
    throw new SignerError('SIGNER_URI_INVALID', 'pin-source must be a file: URI or an absolute path');
}
async function readPinFile(path) {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (err) {
        throw new SignerError('SIGNER_IO_ERROR', `cannot read PIN file ${path}`, { cause: err });
    }
    const pin = text.replace(/(\r?\n)+$/, '');
    if (pin === '')
        throw new SignerError('SIGNER_PIN_REQUIRED', `PIN file ${path} is empty`);
    return pin;
}
//# sourceMappingURL=pkcs11-pin.js.map