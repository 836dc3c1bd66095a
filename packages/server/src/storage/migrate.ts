import { advisoryLock, type Ctx } from './context.js'
import { type Migration, migrations } from './migrations.js'

/**
 * Applies pending migrations in one transaction, under the migration lock, and returns the names
 * applied. Idempotent, and safe when several processes open the same database at once: on
 * PostgreSQL a transaction-scoped advisory lock makes the second opener wait and then find nothing
 * to do; on SQLite BEGIN IMMEDIATE does the same. Both dialects run DDL transactionally, so a failed
 * migration leaves no half-built schema.
 */
export async function migrate(ctx: Ctx, list: readonly Migration[] = migrations): Promise<string[]> {
  return ctx.atomic(async (tx) => {
    await advisoryLock(tx, 'migrations')
    await tx.db.schema
      .createTable('tessera_migrations')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'bigint', (c) => c.notNull())
      .execute()
    const rows = await tx.db.selectFrom('tessera_migrations').select('name').execute()
    const done = new Set(rows.map((r) => r.name))
    const applied: string[] = []
    for (const migration of list) {
      if (done.has(migration.name)) continue
      await migration.up(tx.db, tx.dialect)
      // Wall-clock seconds: bookkeeping only, never read back by business logic.
      const appliedAt = Math.floor(Date.now() / 1000)
      await tx.db
        .insertInto('tessera_migrations')
        .values({ name: migration.name, applied_at: appliedAt })
        .execute()
      applied.push(migration.name)
    }
    return applied
  })
}
