// A client wired to a FakeServer, a virtual clock and a temporary store directory.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatLicenseKey } from '@tessera/core'
import { PRODUCT, ROOT, T0 } from '../../../core/src/test-support/factory.js'
import { openClient, type TesseraClient } from '../client.js'
import type { FingerprintSources } from '../device/fingerprint-sources.js'
import type { Engine } from '../lease/engine.js'
import { openEngine } from '../lease/open-engine.js'
import type { ClientOptions } from '../options.js'
import { resolveOptions } from '../resolve-options.js'
import { FakeServer } from './fake-server.js'

/** A valid license key (check symbols and all). */
export const LICENSE_KEY = formatLicenseKey(new Uint8Array(16).fill(7))
export const OTHER_KEY = formatLicenseKey(new Uint8Array(16).fill(9))
/** The features of the harness's license (LICENSE_KEY), as decisions list them. */
export const ALL_FEATURES: readonly string[] = ['export', 'sync', 'view']

/** A machine whose every fingerprint source is fixed. */
export function machine(name: string, over: Partial<FingerprintSources> = {}): FingerprintSources {
  return {
    env: () => undefined,
    machineId: async () => `machine-${name}`,
    os: () => 'linux-x64',
    cpuModel: () => `cpu-${name}`,
    hostname: () => `host-${name}`,
    macAddresses: () => [`00:11:22:33:44:${name.length.toString(16).padStart(2, '0')}`, `mac-${name}`],
    diskSerial: async () => `ata-disk-${name}`,
    ...over,
  }
}

export interface Harness {
  dir: string
  /** The client's system clock, epoch seconds. Set `clock.now` to travel. */
  clock: { now: number }
  server: FakeServer
  open(over?: Partial<ClientOptions>): Promise<TesseraClient>
  /** The client's internals, for tests that drive renewal step by step. */
  engine(over?: Partial<ClientOptions>): Promise<Engine>
  /** Opens a client and activates it with LICENSE_KEY. */
  activated(over?: Partial<ClientOptions>): Promise<TesseraClient>
  cleanup(): Promise<void>
}

export async function harness(base: Partial<ClientOptions> = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-client-'))
  const clock = { now: T0 }
  const server = new FakeServer(() => clock.now)
  server.addLicense(LICENSE_KEY, { id: 'lic_01', edition: 'pro', features: [...ALL_FEATURES] })
  const clients: { close(): Promise<void> }[] = []
  const options = (over: Partial<ClientOptions>): ClientOptions => ({
    product: PRODUCT,
    roots: [ROOT.jwk],
    storeDir: dir,
    keyStorage: 'file', // hermetic: never the keyring of the machine running the tests
    appVersion: '2.1.0',
    essential: ['view'],
    now: () => clock.now,
    transport: server,
    random: () => 0.5,
    fingerprintSources: machine('a'),
    timeZone: 'UTC',
    renewal: {
      jitterSeconds: 600,
      initialBackoffSeconds: 60,
      maxBackoffSeconds: 3600,
      checkInSeconds: 21_600,
    },
    ...base,
    ...over,
  })
  const open = async (over: Partial<ClientOptions> = {}) => {
    const client = await openClient(options(over))
    clients.push(client)
    return client
  }
  const engine = async (over: Partial<ClientOptions> = {}) => {
    const opened = await openEngine(resolveOptions(options(over)), new AbortController().signal)
    clients.push(opened)
    return opened
  }
  return {
    dir,
    clock,
    server,
    open,
    engine,
    async activated(over) {
      const client = await open(over)
      await client.activate(LICENSE_KEY)
      return client
    },
    async cleanup() {
      for (const c of clients) await c.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
