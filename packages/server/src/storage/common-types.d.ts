/** Integer seconds since the Unix epoch. Every timestamp in the storage layer uses this unit. */
export type EpochSeconds = number;
/** A JSON value as stored in JSON (text) columns. */
export type Json = string | number | boolean | null | Json[] | {
    [key: string]: Json;
};
export type JsonObject = {
    [key: string]: Json;
};
/** Pagination for list methods. `limit` defaults to 100 and is capped at 1000. */
export interface Page {
    limit?: number;
    offset?: number;
}
export declare const DEFAULT_LIMIT = 100;
export declare const MAX_LIMIT = 1000;
/** Clamps a caller-supplied page to sane, non-negative integers. */
export declare function pageOf(page: Page | undefined): {
    limit: number;
    offset: number;
};
//# sourceMappingURL=common-types.d.ts.map