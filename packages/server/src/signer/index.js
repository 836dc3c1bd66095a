export { generateFileKey, openFileSigner } from './file-signer.js';
export { PASSPHRASE_ENV, PASSPHRASE_FILE_ENV, resolvePassphrase } from './passphrase.js';
export { generatePkcs11Key } from './pkcs11-keygen.js';
export { PKCS11_PIN_ENV } from './pkcs11-pin.js';
export { openPkcs11Signer } from './pkcs11-signer.js';
export { parsePkcs11Uri, redactPkcs11Uri } from './pkcs11-uri.js';
export { isSignerError, SignerError } from './signer.js';
//# sourceMappingURL=index.js.map