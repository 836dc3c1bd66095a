export {};
//# sourceMappingURL=devices.js.map