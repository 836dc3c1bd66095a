import { randomBytes } from 'node:crypto'
import { type DeviceKey, generateDeviceKey, loadDeviceKey } from '../device/device-key.js'
import { ClientError } from '../errors.js'
import { removeOrphanTemps } from './atomic-write.js'
import type { KeyStorageState, OpenedKey } from './key-storage.js'
import { MIGRATIONS } from './migrations.js'
import { mergeLicense } from './record-merge.js'
import {
  DEVICE_KEY_FILE,
  type DeviceKeyRecord,
  IDENTITY_FILE,
  type IdentityRecord,
  LICENSE_FILE,
  type LicenseRecord,
} from './records.js'
import { type Migrations, type ReadResult, SealedStore } from './sealed-store.js'

/**
 * The client's files, in one directory per product:
 *   key-storage.json  which vault holds the key (not secret), and when it last had to be replaced
 *   device.secret   32 random bytes, mode 0600 (the FileKeyVault; absent with a keychain)
 *   store-key.dpapi the key protected by Windows DPAPI (the DpapiVault only)
 *   device-key.tsr  the device's Ed25519 private key
 *   license.tsr     bundle, newer status receipt, trust and clock marks, renewal schedule
 *   identity.tsr    license id and license key hash, for refetching an unreadable license.tsr
 *   telemetry.tsr   the bounded event queue
 *   .lock           the advisory write lock (present only while a process writes)
 * Every .tsr file is sealed with AES-256-GCM under the vault's key and written atomically.
 */
export class ClientStore {
  /** The device key of a read-only session, kept should the store get a key (createMissingKey). */
  #sessionDeviceKey: DeviceKeyRecord | null = null

  constructor(
    readonly sealed: SealedStore,
    /** Where the key is kept and what was wrong with it at open (or at createMissingKey). */
    public keyState: KeyStorageState | null = null,
    /** Opens the key again, creating it if missing (see OpenKeyOptions.createMissing). */
    private readonly createKey: (() => Promise<OpenedKey>) | null = null,
  ) {}

  /**
   * For a store opened read-only because its keychain entry was absent (`missing`: perhaps only a
   * locked collection), creates the key now — on an explicit activation — and makes the store
   * writable, keeping this session's device key. False when there is nothing to do or no key.
   */
  async createMissingKey(): Promise<boolean> {
    if (this.writable || this.keyState?.problem !== 'missing' || this.createKey === null) return false
    const { key, state } = await this.createKey()
    if (key === null) return false
    this.sealed.unlock(key)
    this.keyState = state
    const device = this.#sessionDeviceKey
    if (device) await this.sealed.update(DEVICE_KEY_FILE, () => device)
    return true
  }

  get dir(): string {
    return this.sealed.dir
  }

  /** False when the key could not be had: every write is refused (STORE_UNAVAILABLE). */
  get writable(): boolean {
    return !this.sealed.readOnly
  }

  /**
   * A store over a key already obtained (see openStoreKey). A null key opens it read-only under
   * a throwaway key: every file reads as corrupt and nothing sealed under the real key is touched.
   */
  static async withKey(
    dir: string,
    product: string,
    key: Uint8Array | null,
    keyState: KeyStorageState,
    migrations: Migrations = MIGRATIONS,
    createKey: (() => Promise<OpenedKey>) | null = null,
  ): Promise<ClientStore> {
    await removeOrphanTemps(dir)
    const sealed = new SealedStore(dir, product, key ?? randomBytes(32), migrations, {}, key === null)
    return new ClientStore(sealed, keyState, createKey)
  }

  readLicense(): Promise<ReadResult<LicenseRecord>> {
    return this.sealed.read(LICENSE_FILE)
  }

  readIdentity(): Promise<ReadResult<IdentityRecord>> {
    return this.sealed.read(IDENTITY_FILE)
  }

  /**
   * Applies `change` to the license record as it is on disk merged with `mine`, and writes the
   * result. An unreadable record is left in place (so it keeps reading as corrupt, and a limited
   * decision stays limited across restarts) unless `repair` is set: a freshly verified bundle
   * replaces it.
   */
  async commitLicense(
    mine: LicenseRecord,
    change: (base: LicenseRecord) => LicenseRecord,
    repair: boolean,
  ): Promise<{ record: LicenseRecord; written: boolean }> {
    let result: LicenseRecord = change(mine)
    let written = false
    await this.sealed.update(LICENSE_FILE, (current) => {
      if (current.status === 'corrupt' && !repair) return undefined
      result = change(current.status === 'ok' ? mergeLicense(current.value, mine) : mine)
      written = true
      return result
    })
    return { record: result, written }
  }

  /**
   * commitLicense for a process that is exiting: synchronous, never a repair. Returns whether
   * the record was written.
   */
  commitLicenseSync(mine: LicenseRecord, change: (base: LicenseRecord) => LicenseRecord): boolean {
    let written = false
    this.sealed.updateSync(LICENSE_FILE, (current) => {
      if (current.status === 'corrupt') return undefined
      written = true
      return change(current.status === 'ok' ? mergeLicense(current.value, mine) : mine)
    })
    return written
  }

  /** Writes the identity record, or removes it (null) after a deactivation. */
  async writeIdentity(identity: IdentityRecord | null): Promise<void> {
    await this.sealed.update(IDENTITY_FILE, () => identity)
  }

  /**
   * The device key, created on first run. A record that cannot be read (tampered, or sealed under
   * another device secret) is replaced by a new key, and `corrupt` says so: leases bound to the
   * old key will not validate, which is the point of a device key. A read-only store gets a
   * key for this session only.
   */
  async deviceKey(): Promise<{ key: DeviceKey; corrupt: boolean }> {
    const first = await this.sealed.read(DEVICE_KEY_FILE)
    const existing = first.status === 'ok' ? tryLoad(first.value) : null
    if (existing) return { key: existing, corrupt: false }
    if (!this.writable) {
      this.#sessionDeviceKey = generateDeviceKey()
      return { key: loadDeviceKey(this.#sessionDeviceKey), corrupt: first.status !== 'missing' }
    }
    let corrupt = false
    const result = await this.sealed.update(DEVICE_KEY_FILE, (current) => {
      if (current.status === 'ok' && tryLoad(current.value)) return undefined
      corrupt = current.status !== 'missing'
      return generateDeviceKey()
    })
    if (result.status !== 'ok')
      throw new ClientError('STORE_UNAVAILABLE', 'the device key could not be stored')
    return { key: loadDeviceKey(result.value), corrupt }
  }
}

function tryLoad(record: Parameters<typeof loadDeviceKey>[0]): DeviceKey | null {
  try {
    return loadDeviceKey(record)
  } catch {
    return null
  }
}
