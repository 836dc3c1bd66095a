/** Paths that could carry secrets; pino replaces them with "[redacted]". */
const REDACT = [
    'req.headers.authorization',
    'req.headers["tessera-proof"]',
    'req.headers.cookie',
    'req.body',
    'res.headers["set-cookie"]',
    '*.licenseKey',
    '*.token',
    '*.adminToken',
    '*.passphrase',
    '*.pin',
];
/** Structured JSON logs (pino) with secrets redacted; `false` silences them (tests). */
export function loggerOptions(level) {
    if (level === false)
        return false;
    return { level, redact: { paths: REDACT, censor: '[redacted]' } };
}
//# sourceMappingURL=logger.js.map