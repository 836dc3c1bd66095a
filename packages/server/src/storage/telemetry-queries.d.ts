import { type RawBuilder } from 'kysely';
import { type Ctx, type Dialect } from './context.js';
import type { TelemetryStorage } from './telemetry.js';
export declare const IDENTIFIER: RegExp;
/** `data.key` as text (the one place JSON functions differ between the dialects). */
export declare function jsonText(dialect: Dialect, key: string): RawBuilder<string | null>;
/** `data.key` as a number, and the test that it is one. */
export declare function jsonNumber(dialect: Dialect, key: string): {
    value: RawBuilder<number>;
    isNumber: RawBuilder<boolean>;
};
export declare function telemetryQueries(ctx: Ctx): TelemetryStorage;
//# sourceMappingURL=telemetry-queries.d.ts.map