import { createHash } from 'node:crypto'
import { componentHash } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { bindStorage } from './bind-storage.js'
import { upgradeComponent } from './legacy-fingerprint.js'
import { migrate } from './migrate.js'
import { migrations } from './migrations.js'
import { openPostgres } from './open-postgres.js'
import { openSqlite } from './open-sqlite.js'
import { dialects, freshDatabase } from './test-support/databases.js'
import { newDevice, newLease, seedLicense, T0, uid } from './test-support/seed.js'

/** A component as devices activated before the lease format change sent it: 16 characters. */
const legacyHash = (product: string, name: string, value: string) =>
  createHash('sha256').update(`tessera-fp:v1:${product}:${name}=${value}`).digest('base64url').slice(0, 16)

const INPUTS = [
  ['machine-id', 'a1b2c3'],
  ['os', 'linux'],
  ['cpu', 'Intel(R) Xeon'],
  ['host', 'box-ü'],
  ['mac', '00:11:22:33:44:55'],
  ['disk', 'nvme0n1'],
] as const

describe('legacy fingerprint components', () => {
  it('convert to exactly core’s componentHash of the same input; current ones stay', () => {
    for (const [name, value] of INPUTS) {
      const current = componentHash('demo', name, value, nodeCrypto)
      expect(upgradeComponent(legacyHash('demo', name, value))).toBe(current)
      expect(upgradeComponent(current)).toBe(current)
    }
  })
})

describe.each(dialects)('migration 0006 on %s', (dialect) => {
  it('rewrites stored legacy components and leaves current ones alone', async () => {
    const fresh = await freshDatabase(dialect)
    const opened = dialect === 'sqlite' ? openSqlite(fresh.url) : openPostgres(fresh.url)
    try {
      await migrate(opened.ctx, migrations.slice(0, 5))
      const s = bindStorage(opened.ctx, { closed: false, close: async () => undefined })
      const license = await seedLicense(s)
      const legacy = INPUTS.map(([n, v]) => legacyHash('demo', n, v))
      const current = INPUTS.map(([n, v]) => componentHash('demo', n, v, nodeCrypto))
      const old = { ...newDevice(uid('old')), fingerprint: legacy }
      const fresh2 = { ...newDevice(uid('new')), fingerprint: current.slice(0, 3) }
      for (const device of [old, fresh2]) {
        const res = await s.activateDevice({
          licenseId: license.id,
          device,
          maxSeats: 10,
          now: T0,
          lease: newLease(license),
        })
        expect(res.ok).toBe(true)
      }
      expect(await migrate(opened.ctx)).toEqual(['0006-fingerprint-components', '0007-device-id-index'])
      const [upgraded] = await s.findDevice(old.deviceId)
      expect(upgraded?.fingerprint).toEqual(current)
      const [untouched] = await s.findDevice(fresh2.deviceId)
      expect(untouched?.fingerprint).toEqual(current.slice(0, 3))
      const indexes =
        dialect === 'sqlite'
          ? await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(
              opened.ctx.db,
            )
          : await sql<{
              name: string
            }>`select indexname as name from pg_indexes where schemaname = current_schema()`.execute(
              opened.ctx.db,
            )
      expect(indexes.rows.map((r) => r.name)).toContain('devices_device_id_idx')
    } finally {
      await opened.close()
      await fresh.cleanup()
    }
  })
})
