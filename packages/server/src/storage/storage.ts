import type { AdminStorage } from './admin.js'
import type { PolicyStorage, ProductStorage } from './catalog.js'
import type { Dialect } from './context.js'
import type { DeviceStorage } from './devices.js'
import type { LicenseStorage } from './licenses.js'
import type { NonceStorage } from './nonces.js'
import type { StatsStorage } from './stats.js'
import type { TelemetryStorage } from './telemetry.js'

/**
 * The license server's one storage interface, implemented once over Kysely for SQLite and
 * PostgreSQL. It stores and reads domain records and makes multi-step changes atomic; business
 * rules (who may activate, how many seats a policy grants) stay in the services, which pass the
 * limits in. All timestamps are integer epoch seconds supplied by the caller. Failures are
 * `StorageError`s with a stable code.
 */
export interface Storage
  extends ProductStorage,
    PolicyStorage,
    LicenseStorage,
    DeviceStorage,
    NonceStorage,
    AdminStorage,
    TelemetryStorage,
    StatsStorage {
  readonly dialect: Dialect
  /**
   * Runs `fn` in one transaction and commits when it resolves (rolls back when it throws; its
   * error is rethrown as is). Use only the `tx` handle inside: calling the outer storage from
   * within throws STORAGE_MISUSE instead of deadlocking. Nested calls on `tx` join the
   * transaction. Keep `fn` short and free of network calls: on SQLite it holds the write lock.
   */
  transaction<T>(fn: (tx: Storage) => Promise<T>): Promise<T>
  /** Waits for running work, then closes the connection or pool. Later calls fail with STORAGE_UNAVAILABLE. */
  close(): Promise<void>
}
