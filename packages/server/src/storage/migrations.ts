import { type Kysely, sql } from 'kysely'
import type { Dialect } from './context.js'
import { upgradeComponent } from './legacy-fingerprint.js'

/**
 * One ordered list of migrations for both dialects, written with Kysely's schema builder only
 * (text, integer, bigint, checks, composite keys), so the same code creates the same schema on
 * SQLite and PostgreSQL. Append new migrations; never edit an applied one.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations build tables that the typed schema does not know yet
type AnyDb = Kysely<any>

export interface Migration {
  readonly name: string
  /** `dialect` is for the rare step the schema builder cannot say the same way on both. */
  up(db: AnyDb, dialect: Dialect): Promise<void>
}

async function catalog(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('features', 'text', (c) => c.notNull())
    .addColumn('essential', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('editions')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('features', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('editions_pk', ['product_id', 'id'])
    .execute()
  await db.schema
    .createTable('policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('policy_versions')
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policies.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_versions_pk', ['policy_id', 'version'])
    .execute()
  await db.schema
    .createTable('rollouts')
    .addColumn('policy_id', 'text', (c) => c.primaryKey().references('policies.id'))
    .addColumn('from_version', 'integer', (c) => c.notNull())
    .addColumn('to_version', 'integer', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull().check(sql`percent between 0 and 100`))
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('active', 'rolled_back', 'completed')`),
    )
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addForeignKeyConstraint('rollouts_from_fk', ['policy_id', 'from_version'], 'policy_versions', [
      'policy_id',
      'version',
    ])
    .addForeignKeyConstraint('rollouts_to_fk', ['policy_id', 'to_version'], 'policy_versions', [
      'policy_id',
      'version',
    ])
    .execute()
}

async function licensing(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('licenses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policies.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_hint', 'text', (c) => c.notNull())
    .addColumn('owner_ref', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('features', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats >= 0`))
    .addColumn('expires_at', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'suspended', 'revoked')`))
    .addColumn('revoked_reason', 'text')
    .addColumn('transfers_used', 'integer', (c) => c.notNull())
    .addColumn('last_transfer_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('licenses_product_idx')
    .on('licenses')
    .columns(['product_id', 'status'])
    .execute()
  await db.schema.createIndex('licenses_owner_idx').on('licenses').column('owner_ref').execute()
  await db.schema
    .createTable('devices')
    .addColumn('license_id', 'text', (c) => c.notNull().references('licenses.id'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('active', 'deactivated', 'revoked')`),
    )
    .addColumn('revoked_reason', 'text')
    .addColumn('activated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('deactivated_at', 'bigint')
    .addPrimaryKeyConstraint('devices_pk', ['license_id', 'device_id'])
    .execute()
  await db.schema
    .createTable('leases')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('license_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addForeignKeyConstraint('leases_device_fk', ['license_id', 'device_id'], 'devices', [
      'license_id',
      'device_id',
    ])
    .addForeignKeyConstraint('leases_policy_fk', ['policy_id', 'policy_version'], 'policy_versions', [
      'policy_id',
      'version',
    ])
    .execute()
  await db.schema.createIndex('leases_device_idx').on('leases').columns(['license_id', 'device_id']).execute()
  await db.schema
    .createTable('revocations')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('license', 'device', 'lease')`))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('license_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('revocations_product_idx')
    .on('revocations')
    .columns(['product_id', 'seq'])
    .execute()
}

async function operations(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('nonces')
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('nonces_pk', ['purpose', 'value'])
    .execute()
  await db.schema.createIndex('nonces_expiry_idx').on('nonces').column('expires_at').execute()
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('admin_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute()
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('telemetry_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('telemetry_at_idx')
    .on('telemetry_events')
    .columns(['product_id', 'type', 'at'])
    .execute()
  await db.schema
    .createTable('keysets')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
}

/** A device's contact looks up the revocation of its license, device or lease by target. */
async function revocationTargets(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('revocations_target_idx')
    .on('revocations')
    .columns(['license_id', 'kind', 'target_id'])
    .execute()
}

/** Device requests the server refused, per UTC day and problem code (server-side anomalies). */
async function refusals(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('refusals')
    .addColumn('day', 'bigint', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('refusals_pk', ['day', 'code'])
    .execute()
}

/** Rows per batch when a migration rewrites a table in place. */
const BATCH = 500

/**
 * Devices activated before the lease format change hold 16-character fingerprint components, which
 * a lease can no longer carry: rewrite them to the 6-character form (see legacy-fingerprint.ts).
 */
async function fingerprintComponents(db: AnyDb): Promise<void> {
  let after: { license_id: string; device_id: string } | undefined
  for (;;) {
    const cursor = after
    const rows: { license_id: string; device_id: string; fingerprint: string }[] = await db
      .selectFrom('devices')
      .select(['license_id', 'device_id', 'fingerprint'])
      .$if(cursor !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('license_id', '>', cursor!.license_id),
            eb.and([eb('license_id', '=', cursor!.license_id), eb('device_id', '>', cursor!.device_id)]),
          ]),
        ),
      )
      .orderBy('license_id')
      .orderBy('device_id')
      .limit(BATCH)
      .execute()
    for (const row of rows) {
      const stored = JSON.parse(row.fingerprint) as unknown
      if (!Array.isArray(stored)) continue
      const upgraded = stored.map((c) => (typeof c === 'string' ? upgradeComponent(c) : c))
      if (upgraded.every((c, i) => c === stored[i])) continue
      await db
        .updateTable('devices')
        .set({ fingerprint: JSON.stringify(upgraded) })
        .where('license_id', '=', row.license_id)
        .where('device_id', '=', row.device_id)
        .execute()
    }
    if (rows.length < BATCH) return
    after = rows[rows.length - 1]
  }
}

/**
 * The operator's device search matches device id prefixes with a range on device_id (the primary
 * key leads with license_id, so it cannot serve it). PostgreSQL compares in the "C" collation there,
 * byte order as on SQLite, so the index is built in that collation.
 */
async function deviceIdIndex(db: AnyDb, dialect: Dialect): Promise<void> {
  const index = db.schema.createIndex('devices_device_id_idx').on('devices')
  await (dialect === 'postgres'
    ? index.expression(sql`device_id collate "C"`)
    : index.column('device_id')
  ).execute()
}

export const migrations: readonly Migration[] = [
  { name: '0001-catalog', up: catalog },
  { name: '0002-licensing', up: licensing },
  { name: '0003-operations', up: operations },
  { name: '0004-revocation-targets', up: revocationTargets },
  { name: '0005-refusals', up: refusals },
  { name: '0006-fingerprint-components', up: fingerprintComponents },
  { name: '0007-device-id-index', up: deviceIdIndex },
]
