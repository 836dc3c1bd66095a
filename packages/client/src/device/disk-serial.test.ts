import { describe, expect, it } from 'vitest'
import { windowsPowerShell } from '../platform/run-command.js'
import {
  type CommandRunner,
  diskSerial,
  parseDiskutilUuid,
  parseIndexedSerials,
  parseSystemProfilerSerial,
} from './disk-serial.js'

// Outputs shaped as the commands print them (serials and UUIDs replaced).

/** `system_profiler SPNVMeDataType SPSerialATADataType -json` on an Apple-silicon MacBook. */
const APPLE_SILICON = `{
  "SPNVMeDataType" : [
    {
      "_items" : [
        {
          "_name" : "APPLE SSD AP0512Z",
          "bsd_name" : "disk0",
          "detachable_drive" : "no",
          "device_model" : "APPLE SSD AP0512Z",
          "device_revision" : "874.100.",
          "device_serial" : "0ba02d4a81c2f53e",
          "partition_map_type" : "guid_partition_map_type",
          "removable_media" : "no",
          "size" : "500.28 GB",
          "size_in_bytes" : 500277790720,
          "smart_status" : "Verified",
          "spnvme_trim_support" : "Yes",
          "volumes" : [
            { "_name" : "iBootSystemContainer", "bsd_name" : "disk0s1", "iocontent" : "Apple_APFS_ISC" },
            { "_name" : "Container disk3", "bsd_name" : "disk0s2", "iocontent" : "Apple_APFS" }
          ]
        }
      ],
      "_name" : "Apple SSD Controller"
    }
  ],
  "SPSerialATADataType" : [ ]
}
`

/** An Intel iMac: a Thunderbolt NVMe enclosure listed before the internal SATA SSD. */
const INTEL_WITH_EXTERNAL = `{
  "SPNVMeDataType" : [
    {
      "_items" : [
        {
          "_name" : "Samsung SSD 970 EVO Plus 1TB",
          "bsd_name" : "disk4",
          "detachable_drive" : "yes",
          "device_model" : "Samsung SSD 970 EVO Plus 1TB",
          "device_serial" : "S4EWNX0R912345",
          "removable_media" : "no"
        }
      ],
      "_name" : "Generic SSD Controller"
    }
  ],
  "SPSerialATADataType" : [
    {
      "_items" : [
        {
          "_name" : "APPLE SSD SM0256L",
          "bsd_name" : "disk0",
          "detachable_drive" : "no",
          "device_model" : "APPLE SSD SM0256L",
          "device_serial" : "C0276420001KJ1J1N",
          "removable_media" : "no"
        }
      ],
      "_name" : "Intel 8 Series Chipset",
      "spsata_negotiatedlinkspeed" : "6 Gigabit"
    }
  ]
}
`

/** A macOS virtual machine: the virtual drive reports no serial. */
const VIRTUAL_MACHINE = `{
  "SPNVMeDataType" : [ { "_items" : [ { "_name" : "Apple Virtual Disk", "bsd_name" : "disk0",
    "device_model" : "Apple Virtual Disk", "size_in_bytes" : 68719476736 } ], "_name" : "Virtio" } ],
  "SPSerialATADataType" : [ ]
}`

/** `diskutil info -plist /` on macOS 14 (the sealed system snapshot), abridged. */
const DISKUTIL_ROOT = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>APFSContainerReference</key>
	<string>disk3</string>
	<key>APFSSnapshot</key>
	<true/>
	<key>DeviceIdentifier</key>
	<string>disk3s1s1</string>
	<key>DiskUUID</key>
	<string>0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D</string>
	<key>MountPoint</key>
	<string>/</string>
	<key>VolumeName</key>
	<string>Macintosh HD</string>
	<key>VolumeUUID</key>
	<string>9f8e7d6c-5b4a-4392-8170-6a5b4c3d2e1f</string>
	<key>WholeDisk</key>
	<false/>
</dict>
</plist>
`

/** `wmic diskdrive get Index,SerialNumber` (wmic ends its lines with CR CR LF and pads columns). */
const WMIC =
  'Index  SerialNumber                              \r\r\n1      WD-WCC4N7KJ1234                           \r\r\n0      0025_3881_01B2_3C45_0001_001B_448B_4567.  \r\r\n\r\r\n'

/** The PowerShell reader's lines (Get-CimInstance Win32_DiskDrive, sorted by index). */
const POWERSHELL = '0 S4EWNX0N123456\r\n1 \r\n2 WD-WCC4N7KJ1234\r\n'

describe('disk serial readers', () => {
  it('macOS: the internal drive of system_profiler, preferring disk0, skipping detachable ones', () => {
    expect(parseSystemProfilerSerial(APPLE_SILICON)).toBe('0ba02d4a81c2f53e')
    expect(parseSystemProfilerSerial(INTEL_WITH_EXTERNAL)).toBe('C0276420001KJ1J1N')
    expect(parseSystemProfilerSerial(VIRTUAL_MACHINE)).toBeNull()
    expect(parseSystemProfilerSerial('{"SPNVMeDataType":[],"SPSerialATADataType":[]}')).toBeNull()
    expect(parseSystemProfilerSerial('Usage: system_profiler [-listDataTypes]')).toBeNull()
    expect(parseSystemProfilerSerial('null')).toBeNull()
    expect(parseSystemProfilerSerial(null)).toBeNull()
  })

  it('macOS: the boot volume UUID of diskutil (volume, else disk), upper-cased', () => {
    expect(parseDiskutilUuid(DISKUTIL_ROOT)).toBe('9F8E7D6C-5B4A-4392-8170-6A5B4C3D2E1F')
    const noVolume = DISKUTIL_ROOT.replace(/<key>VolumeUUID<\/key>\s*<string>[^<]*<\/string>/, '')
    expect(parseDiskutilUuid(noVolume)).toBe('0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D')
    expect(parseDiskutilUuid('Could not find disk: /')).toBeNull()
    expect(parseDiskutilUuid(null)).toBeNull()
  })

  it('Windows: the lowest-numbered disk with a serial, from wmic or PowerShell lines', () => {
    expect(parseIndexedSerials(WMIC)).toBe('0025_3881_01B2_3C45_0001_001B_448B_4567')
    expect(parseIndexedSerials(POWERSHELL)).toBe('S4EWNX0N123456')
    // disk 0 without a usable serial: the next disk's
    expect(parseIndexedSerials('Index  SerialNumber\r\r\n0\r\r\n1      WD-WCC4N7KJ1234\r\r\n')).toBe(
      'WD-WCC4N7KJ1234',
    )
    expect(parseIndexedSerials('0 To Be Filled By O.E.M.\r\n1 0000_0000_0000_0000.\r\n')).toBeNull()
    expect(parseIndexedSerials('Index  SerialNumber\r\r\n\r\r\n')).toBeNull()
    expect(parseIndexedSerials('')).toBeNull()
    expect(parseIndexedSerials(null)).toBeNull()
  })

  it('runs the platform readers in order, falling back, and a failing reader is an absent component', async () => {
    const calls: string[] = []
    const answers = (table: Record<string, string | null>): CommandRunner => {
      return async (file) => {
        calls.push(file)
        return table[file] ?? null
      }
    }
    expect(await diskSerial('darwin', answers({ system_profiler: APPLE_SILICON }))).toBe('0ba02d4a81c2f53e')
    expect(calls).toEqual(['system_profiler'])
    calls.length = 0
    const vm = answers({ system_profiler: VIRTUAL_MACHINE, diskutil: DISKUTIL_ROOT })
    expect(await diskSerial('darwin', vm)).toBe('9F8E7D6C-5B4A-4392-8170-6A5B4C3D2E1F')
    expect(calls).toEqual(['system_profiler', 'diskutil'])
    calls.length = 0
    expect(await diskSerial('win32', answers({ wmic: WMIC }))).toBe('0025_3881_01B2_3C45_0001_001B_448B_4567')
    expect(calls).toEqual(['wmic'])
    calls.length = 0
    // wmic removed (Windows 11 24H2): PowerShell gives the same property
    expect(await diskSerial('win32', answers({ [windowsPowerShell()]: POWERSHELL }))).toBe('S4EWNX0N123456')
    expect(calls).toEqual(['wmic', windowsPowerShell()]) // by absolute path, never looked up in PATH
    expect(await diskSerial('darwin', answers({}))).toBeNull()
    expect(await diskSerial('win32', answers({}))).toBeNull()
    expect(await diskSerial('freebsd', answers({}))).toBeNull()
  })
})
