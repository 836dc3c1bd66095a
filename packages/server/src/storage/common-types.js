export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Clamps a caller-supplied page to sane, non-negative integers. */
export function pageOf(page) {
    const limit = Math.min(Math.max(Math.trunc(page?.limit ?? DEFAULT_LIMIT), 0), MAX_LIMIT);
    const offset = Math.max(Math.trunc(page?.offset ?? 0), 0);
    return { limit, offset };
}
//# sourceMappingURL=common-types.js.map