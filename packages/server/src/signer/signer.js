/** The one error class of the signers: a stable `code`, a message free of secrets, context on `cause`. */
export class SignerError extends Error {
    code;
    constructor(code, message, options) {
        super(message, options);
        this.name = 'SignerError';
        this.code = code;
    }
}
/** True when `err` is a SignerError, optionally with the given code. */
export function isSignerError(err, code) {
    return err instanceof SignerError && (code === undefined || err.code === code);
}
//# sourceMappingURL=signer.js.map