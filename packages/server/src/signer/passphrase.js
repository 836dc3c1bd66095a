import { readFile } from 'node:fs/promises';
import { SignerError } from './signer.js';
/** Environment variable holding the key file passphrase itself. */
export const PASSPHRASE_ENV = 'TESSERA_KEY_PASSPHRASE';
/** Environment variable holding the path of a file that contains the passphrase. */
export const PASSPHRASE_FILE_ENV = 'TESSERA_KEY_PASSPHRASE_FILE';
/**
 * Finds the key file passphrase: `file` if given, else `TESSERA_KEY_PASSPHRASE`, else the file named
 * by `TESSERA_KEY_PASSPHRASE_FILE`. Trailing newlines of a file are removed (editors add them).
 * Returns undefined when no source is configured; an empty source is an error, never an empty key.
 */
export async function resolvePassphrase(options) {
    const file = options.file ?? nonEmpty(options.env[PASSPHRASE_FILE_ENV]);
    if (options.file === undefined) {
        const direct = options.env[PASSPHRASE_ENV];
        if (direct !== undefined && direct !== '')
            return direct;
    }
    if (file === undefined)
        return undefined;
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch (err) {
        throw new SignerError('SIGNER_IO_ERROR', `cannot read passphrase file ${file}`, { cause: err });
    }
    const passphrase = text.replace(/(\r?\n)+$/, '');
    if (passphrase === '') {
        throw new SignerError('SIGNER_PASSPHRASE_REQUIRED', `passphrase file ${file} is empty`);
    }
    return passphrase;
}
function nonEmpty(value) {
    return value === undefined || value === '' ? undefined : value;
}
//# sourceMappingURL=passphrase.js.map