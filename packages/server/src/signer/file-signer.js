import { createPrivateKey, createPublicKey, sign as cryptoSign, generateKeyPairSync, } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileExclusive } from './atomic-write.js';
import { SignerError } from './signer.js';
/** Key files are small; anything larger is not ours and is not parsed. Bytes. */
const MAX_KEY_FILE_BYTES = 64 * 1024;
const KEY_FILE_MODE = 0o600;
const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END \1-----/;
/**
 * Generates an Ed25519 key and writes it as PKCS#8 PEM (encrypted when a passphrase is given) with
 * mode 0600, atomically, refusing to overwrite an existing file (SIGNER_FILE_EXISTS).
 */
export async function generateFileKey(path, options = {}) {
    const { passphrase } = options;
    if (passphrase === '')
        throw new SignerError('SIGNER_PASSPHRASE_REQUIRED', 'passphrase must not be empty');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = passphrase === undefined
        ? privateKey.export({ type: 'pkcs8', format: 'pem' })
        : privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase });
    await writeFileExclusive(path, pem, KEY_FILE_MODE);
    return { path, publicKey: rawPublicKey(publicKey), encrypted: passphrase !== undefined };
}
/** Opens a PKCS#8 PEM Ed25519 key file as a Signer. The KeyObject stays inside the closure. */
export async function openFileSigner(path, options) {
    const text = await readKeyFile(path);
    const { privateKey, encrypted } = parsePrivateKey(text, options.passphrase);
    const publicKey = rawPublicKey(privateKey);
    let key = privateKey;
    return Object.freeze({
        kid: options.kid,
        alg: 'EdDSA',
        publicKey,
        encrypted,
        async sign(data) {
            if (!key)
                throw new SignerError('SIGNER_CLOSED', 'signer is closed');
            return new Uint8Array(cryptoSign(null, data, key));
        },
        async close() {
            key = undefined;
        },
    });
}
async function readKeyFile(path) {
    let bytes;
    try {
        bytes = await readFile(path);
    }
    catch (err) {
        const code = err.code === 'ENOENT' ? 'SIGNER_KEY_NOT_FOUND' : 'SIGNER_IO_ERROR';
        throw new SignerError(code, `cannot read key file ${path}`, { cause: err });
    }
    if (bytes.length > MAX_KEY_FILE_BYTES)
        throw new SignerError('SIGNER_FILE_INVALID', 'key file is too large');
    return bytes.toString('utf8');
}
function parsePrivateKey(text, passphrase) {
    const match = PEM_RE.exec(text);
    if (!match)
        throw new SignerError('SIGNER_FILE_INVALID', 'key file is not a PEM document');
    const label = match[1];
    if (label !== 'PRIVATE KEY' && label !== 'ENCRYPTED PRIVATE KEY') {
        const code = label.endsWith('PRIVATE KEY') ? 'SIGNER_UNSUPPORTED_KEY' : 'SIGNER_FILE_INVALID';
        throw new SignerError(code, `expected a PKCS#8 Ed25519 private key, found PEM "${label}"`);
    }
    const der = Buffer.from(match[2].replace(/\s+/g, ''), 'base64');
    const encrypted = label === 'ENCRYPTED PRIVATE KEY';
    if (!hasPkcs8Shape(der, encrypted)) {
        throw new SignerError('SIGNER_FILE_INVALID', 'key file holds no valid PKCS#8 structure');
    }
    if (encrypted && (passphrase === undefined || passphrase === '')) {
        throw new SignerError('SIGNER_PASSPHRASE_REQUIRED', 'key file is encrypted and no passphrase was given');
    }
    let privateKey;
    try {
        privateKey = createPrivateKey(encrypted ? { key: match[0], passphrase } : { key: match[0] });
    }
    catch (err) {
        // With CBC a wrong passphrase usually fails the padding check, but ~1/256 of the time yields
        // garbage that fails to decode: the structure was checked above, so both mean "wrong passphrase".
        if (encrypted)
            throw new SignerError('SIGNER_BAD_PASSPHRASE', 'passphrase does not decrypt the key', { cause: err });
        throw new SignerError('SIGNER_FILE_INVALID', 'key file cannot be decoded', { cause: err });
    }
    if (privateKey.asymmetricKeyType !== 'ed25519') {
        throw new SignerError('SIGNER_UNSUPPORTED_KEY', `expected an Ed25519 key, found ${privateKey.asymmetricKeyType}`);
    }
    return { privateKey, encrypted };
}
/**
 * Shape check before decrypting: the DER is one SEQUENCE; for an encrypted key it is an
 * EncryptedPrivateKeyInfo, SEQUENCE { AlgorithmIdentifier SEQUENCE, OCTET STRING }. A file passing
 * it that still fails to decrypt is blamed on the passphrase, not on the file.
 */
function hasPkcs8Shape(der, encrypted) {
    const outer = readTlv(der, 0);
    if (outer?.tag !== 0x30 || outer.end !== der.length)
        return false;
    if (!encrypted)
        return true;
    const algorithm = readTlv(der, outer.start);
    const data = algorithm && readTlv(der, algorithm.end);
    return algorithm?.tag === 0x30 && data?.tag === 0x04 && data.end === der.length;
}
/** One DER tag-length-value at `offset`: tag, start and end of its content; undefined if malformed. */
function readTlv(der, offset) {
    const tag = der[offset];
    const first = der[offset + 1];
    if (tag === undefined || first === undefined)
        return undefined;
    let start = offset + 2;
    let len = first;
    if (first >= 0x80) {
        const n = first & 0x7f;
        if (n < 1 || n > 3 || start + n > der.length)
            return undefined;
        len = 0;
        for (let i = 0; i < n; i++)
            len = len * 256 + der[start + i];
        start += n;
    }
    const end = start + len;
    return end <= der.length ? { tag, start, end } : undefined;
}
/** Raw public key bytes; derived via createPublicKey so private bytes are never exported to JS. */
function rawPublicKey(key) {
    const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
    if (typeof jwk.x !== 'string')
        throw new SignerError('SIGNER_UNSUPPORTED_KEY', 'key has no Ed25519 public part');
    return new Uint8Array(Buffer.from(jwk.x, 'base64url'));
}
//# sourceMappingURL=file-signer.js.map