export {};
//# sourceMappingURL=licenses.js.map