export {};
//# sourceMappingURL=nonces.js.map