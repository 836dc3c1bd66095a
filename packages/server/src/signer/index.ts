export type {
  FileSigner,
  GeneratedFileKey,
  GenerateFileKeyOptions,
  OpenFileSignerOptions,
} from './file-signer.js'
export { generateFileKey, openFileSigner } from './file-signer.js'
export type { ResolvePassphraseOptions } from './passphrase.js'
export { PASSPHRASE_ENV, PASSPHRASE_FILE_ENV, resolvePassphrase } from './passphrase.js'
export type { GeneratedPkcs11Key, GeneratePkcs11KeyOptions } from './pkcs11-keygen.js'
export { generatePkcs11Key } from './pkcs11-keygen.js'
export { PKCS11_PIN_ENV } from './pkcs11-pin.js'
export type { OpenPkcs11SignerOptions } from './pkcs11-signer.js'
export { openPkcs11Signer } from './pkcs11-signer.js'
export type { Pkcs11Uri } from './pkcs11-uri.js'
export { assertNoPinValue, parsePkcs11Uri, redactPkcs11Uri } from './pkcs11-uri.js'
export type { Signer, SignerErrorCode } from './signer.js'
export { isSignerError, SignerError } from './signer.js'
