import { readdir } from 'node:fs/promises'
import { commandOutput, powerShellArgs, windowsPowerShell } from '../platform/run-command.js'

/** Runs a command and gives its output, or null when it fails (see commandOutput). */
export type CommandRunner = (file: string, args: readonly string[]) => Promise<string | null>

/** One command per data type: NVMe first (every recent Mac), SATA for older ones. */
const SYSTEM_PROFILER = ['SPNVMeDataType', 'SPSerialATADataType', '-json']
/** Every disk drive as "<index> <serial>" lines, ordered by index (the same lines wmic gives). */
const POWERSHELL_DISKS =
  'Get-CimInstance -ClassName Win32_DiskDrive | Sort-Object Index | ForEach-Object { "$($_.Index) $($_.SerialNumber)" }'

/**
 * An id of the system disk, read without privileges; null when there is none. Any failure of a
 * reader (command missing, refused, timed out, unexpected output) makes the component absent.
 *   linux   the first whole-disk entry of /dev/disk/by-id (its name embeds model and serial)
 *   darwin  the internal NVMe/SATA drive's serial (system_profiler); where none is reported
 *           (virtual machines), the boot volume's UUID (diskutil)
 *   win32   the serial of the lowest-numbered disk drive (Win32_DiskDrive) through wmic, or through
 *           Windows PowerShell (by absolute path) where wmic is gone (Windows 11 24H2+); both give the same value
 */
export async function diskSerial(
  platform: NodeJS.Platform = process.platform,
  run: CommandRunner = commandOutput,
): Promise<string | null> {
  switch (platform) {
    case 'linux':
      return pickDiskId(await readdir('/dev/disk/by-id').catch(() => [] as string[]))
    case 'darwin':
      return (
        parseSystemProfilerSerial(await run('system_profiler', SYSTEM_PROFILER)) ??
        parseDiskutilUuid(await run('diskutil', ['info', '-plist', '/']))
      )
    case 'win32':
      return (
        parseIndexedSerials(await run('wmic', ['diskdrive', 'get', 'Index,SerialNumber'])) ??
        parseIndexedSerials(await run(windowsPowerShell(), powerShellArgs(POWERSHELL_DISKS)))
      )
    default:
      return null
  }
}

export function pickDiskId(names: readonly string[]): string | null {
  const disks = names.filter((n) => /^(ata|nvme|scsi|usb|mmc|virtio)-/.test(n) && !/-part\d+$/.test(n))
  return disks.sort()[0] ?? null
}

interface ProfiledDrive {
  bsd_name?: unknown
  device_serial?: unknown
  detachable_drive?: unknown
  removable_media?: unknown
}

/**
 * The serial of the internal drive in `system_profiler SPNVMeDataType SPSerialATADataType -json`
 * output: detachable and removable drives are skipped, disk0 (the boot drive) is preferred, else
 * the first drive listed.
 */
export function parseSystemProfilerSerial(output: string | null): string | null {
  let report: Record<string, unknown>
  try {
    report = JSON.parse(output ?? '') as Record<string, unknown>
  } catch {
    return null
  }
  const drives: ProfiledDrive[] = []
  for (const type of ['SPNVMeDataType', 'SPSerialATADataType']) {
    const controllers = report?.[type]
    if (!Array.isArray(controllers)) continue
    for (const controller of controllers) {
      const items = (controller as { _items?: unknown })?._items
      if (Array.isArray(items)) drives.push(...(items as ProfiledDrive[]))
    }
  }
  const internal = drives.filter(
    (d) => d && d.detachable_drive !== 'yes' && d.removable_media !== 'yes' && serialOf(d.device_serial),
  )
  const boot = internal.find((d) => d.bsd_name === 'disk0') ?? internal[0]
  return boot ? serialOf(boot.device_serial) : null
}

/** The volume UUID (else the disk UUID) in `diskutil info -plist /` output. */
export function parseDiskutilUuid(output: string | null): string | null {
  if (!output) return null
  for (const key of ['VolumeUUID', 'DiskUUID']) {
    const match = new RegExp(`<key>${key}</key>\\s*<string>([^<]+)</string>`).exec(output)
    const uuid = match?.[1]?.trim()
    if (uuid && /^[0-9A-Fa-f-]{8,}$/.test(uuid)) return uuid.toUpperCase()
  }
  return null
}

/**
 * The serial of the lowest-numbered disk that has one, from "<index> <serial>" lines: the table
 * of `wmic diskdrive get Index,SerialNumber` (header and padding ignored) or the PowerShell lines.
 */
export function parseIndexedSerials(output: string | null): string | null {
  if (!output) return null
  let best: { index: number; serial: string } | null = null
  for (const line of output.split(/\r*\n/)) {
    const match = /^\s*(\d+)\s+(.+?)\s*$/.exec(line)
    const serial = match ? serialOf(match[2]) : null
    if (!match || !serial) continue
    const index = Number(match[1])
    if (!best || index < best.index) best = { index, serial }
  }
  return best?.serial ?? null
}

const PLACEHOLDERS = new Set(['to be filled by o.e.m.', 'default string', 'none', 'not specified', 'n/a'])

/** A serial worth using: trimmed, no trailing dot (Windows NVMe), not blank, zeros or a placeholder. */
function serialOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  const serial = trimmed.replace(/\.+$/, '').trim()
  if (PLACEHOLDERS.has(trimmed.toLowerCase()) || PLACEHOLDERS.has(serial.toLowerCase())) return null
  return serial === '' || /^[0_.\s-]+$/.test(serial) ? null : serial
}
