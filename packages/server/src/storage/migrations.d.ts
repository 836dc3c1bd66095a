import { type Kysely } from 'kysely';
/**
 * One ordered list of migrations for both dialects, written with Kysely's schema builder only
 * (text, integer, bigint, checks, composite keys), so the same code creates the same schema on
 * SQLite and PostgreSQL. Append new migrations; never edit an applied one.
 */
type AnyDb = Kysely<any>;
export interface Migration {
    readonly name: string;
    up(db: AnyDb): Promise<void>;
}
export declare const migrations: readonly Migration[];
export {};
//# sourceMappingURL=migrations.d.ts.map