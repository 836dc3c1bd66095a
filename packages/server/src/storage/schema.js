/**
 * Row shapes as stored, shared by both dialects. Dialect differences are kept out of the rows:
 * JSON is stored as text (JSON.stringify), timestamps as integer epoch seconds (bigint on
 * PostgreSQL, parsed to number by the pool), no booleans, no auto-increment columns.
 */
export {};
//# sourceMappingURL=schema.js.map