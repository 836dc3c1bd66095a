import { execFile } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { arch, cpus, hostname, networkInterfaces, platform } from 'node:os'

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
  /** A disk serial, where readable without privileges (Linux /dev/disk/by-id). */
  diskSerial(): Promise<string | null>
}

export const systemSources: FingerprintSources = {
  env: (name) => process.env[name],
  machineId,
  os: () => `${platform()}-${arch()}`,
  cpuModel: () => cpus()[0]?.model.trim() || null,
  hostname: () => hostname() || null,
  macAddresses,
  diskSerial,
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

/** The first whole-disk entry of /dev/disk/by-id (its name embeds model and serial). */
async function diskSerial(): Promise<string | null> {
  if (process.platform !== 'linux') return null
  const names = await readdir('/dev/disk/by-id').catch(() => [] as string[])
  return pickDiskId(names)
}

export function pickDiskId(names: readonly string[]): string | null {
  const disks = names.filter((n) => /^(ata|nvme|scsi|usb|mmc|virtio)-/.test(n) && !/-part\d+$/.test(n))
  return disks.sort()[0] ?? null
}

/** Output of a small system command, or null; bounded in time so opening never hangs. */
function run(file: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 3000, windowsHide: true }, (err, stdout) => resolve(err ? null : stdout))
  })
}
