export const DEFAULT_RATE_LIMITS = Object.freeze({
    windowSeconds: 60,
    perIp: 600,
    perLicense: 120,
});
//# sourceMappingURL=context.js.map