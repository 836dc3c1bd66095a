import { type Ctx } from './context.js';
import { type Migration } from './migrations.js';
/**
 * Applies pending migrations in one transaction, under the migration lock, and returns the names
 * applied. Idempotent, and safe when several processes open the same database at once: on
 * PostgreSQL a transaction-scoped advisory lock makes the second opener wait and then find nothing
 * to do; on SQLite BEGIN IMMEDIATE does the same. Both dialects run DDL transactionally, so a failed
 * migration leaves no half-built schema.
 */
export declare function migrate(ctx: Ctx, list?: readonly Migration[]): Promise<string[]>;
//# sourceMappingURL=migrate.d.ts.map