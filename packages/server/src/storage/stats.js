export {};
//# sourceMappingURL=stats.js.map