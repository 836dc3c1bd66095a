import { readFile } from 'node:fs/promises'
import { arch, cpus, hostname, networkInterfaces, platform } from 'node:os'
import { commandOutput as run } from '../platform/run-command.js'
import { diskSerial } from './disk-serial.js'

/**
 * Where fingerprint components come from; every member can be replaced (tests, or a vendor with a
 * better source). Values are raw here and hashed with the product salt before use or storage.
 */
export interface FingerprintSources {
  /** Reads an environment variable (TESSERA_DEVICE_ID). */
  env(name: string): string | undefined
  /** OS installation id: /etc/machine-id, IOPlatformUUID, MachineGuid. */
  machineId(): Promise<string | null>
  /** Platform and architecture, e.g. linux-x64. */
  os(): string
  cpuModel(): string | null
  hostname(): string | null
  /** Hardware MAC addresses (not internal, not zero, not locally administered). */
  macAddresses(): readonly string[]
  /** An id of the system disk, readable without privileges (see disk-serial.ts). */
  diskSerial(): Promise<string | null>
}

export const systemSources: FingerprintSources = {
  env: (name) => process.env[name],
  machineId,
  os: () => `${platform()}-${arch()}`,
  cpuModel: () => cpus()[0]?.model.trim() || null,
  hostname: () => hostname() || null,
  macAddresses,
  diskSerial: () => diskSerial(),
}

async function machineId(): Promise<string | null> {
  switch (process.platform) {
    case 'darwin':
      return parseIoregUuid(await run('ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice']))
    case 'win32':
      return parseMachineGuid(
        await run('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid']),
      )
    default:
      for (const path of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
        const id = (await readFile(path, 'utf8').catch(() => '')).trim()
        if (id) return id
      }
      return null
  }
}

export function parseIoregUuid(output: string | null): string | null {
  return output ? (/"IOPlatformUUID"\s*=\s*"([^"]+)"/.exec(output)?.[1] ?? null) : null
}

export function parseMachineGuid(output: string | null): string | null {
  return output ? (/MachineGuid\s+REG_SZ\s+(\S+)/.exec(output)?.[1] ?? null) : null
}

/** Universally administered MACs only: virtual bridges, VPNs and containers use local ones that come and go. */
function macAddresses(): string[] {
  const found = new Set<string>()
  for (const list of Object.values(networkInterfaces())) {
    for (const nic of list ?? []) {
      const mac = nic.mac.toLowerCase()
      const first = Number.parseInt(mac.slice(0, 2), 16)
      if (!nic.internal && mac !== '00:00:00:00:00:00' && (first & 2) === 0) found.add(mac)
    }
  }
  return [...found].sort()
}
