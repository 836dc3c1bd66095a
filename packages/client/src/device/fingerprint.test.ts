import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { machine } from '../test-support/harness.js'
import { generateDeviceKey, loadDeviceKey } from './device-key.js'
import { pickDiskId } from './disk-serial.js'
import { componentHash, DEVICE_ID_ENV, gatherFingerprint } from './fingerprint.js'
import { parseIoregUuid, parseMachineGuid, systemSources } from './fingerprint-sources.js'

describe('fingerprint', () => {
  it('hashes each component with the product salt: SHA-256, first 4 bytes, base64url (6 characters)', () => {
    const expected = createHash('sha256').update('tessera-fp:v1:demo:host=box').digest().subarray(0, 4)
    expect(componentHash('demo', 'host', 'box')).toBe(expected.toString('base64url'))
    expect(componentHash('demo', 'host', 'box')).toMatch(/^[A-Za-z0-9_-]{5}[AQgw]$/)
    expect(componentHash('other', 'host', 'box')).not.toBe(expected)
  })

  it('gathers every available component, skipping missing and failing sources', async () => {
    const full = await gatherFingerprint('demo', machine('a'))
    expect(full.names).toEqual(['machine-id', 'os', 'cpu', 'host', 'mac', 'disk'])
    expect(full.components).toHaveLength(6)
    expect(full.components.join()).not.toContain('machine-a')
    const sparse = await gatherFingerprint(
      'demo',
      machine('a', {
        machineId: async () => null,
        diskSerial: async () => {
          throw new Error('EACCES')
        },
        macAddresses: () => [],
      }),
    )
    expect(sparse.names).toEqual(['os', 'cpu', 'host'])
    expect(sparse.components).toEqual(full.components.slice(1, 4))
  })

  it('TESSERA_DEVICE_ID stands for the hardware (containers, identical VMs)', async () => {
    const env = (name: string) => (name === DEVICE_ID_ENV ? ' vm-42 ' : undefined)
    const a = await gatherFingerprint('demo', machine('a', { env }))
    const b = await gatherFingerprint('demo', machine('b', { env }))
    expect(a).toEqual({
      components: [componentHash('demo', 'device-id', 'vm-42')],
      names: ['device-id'],
      overridden: true,
    })
    expect(b).toEqual(a)
  })

  it('reads this machine without failing, and parses macOS and Windows answers', async () => {
    const here = await gatherFingerprint('demo', systemSources)
    expect(here.names).toContain('os')
    expect(here.components.length).toBeGreaterThan(0)
    expect(parseIoregUuid('  "IOPlatformUUID" = "5E1B-77"\n')).toBe('5E1B-77')
    expect(parseMachineGuid('HKEY_LOCAL_MACHINE\\...\n    MachineGuid    REG_SZ    4c4c4544-0031\n')).toBe(
      '4c4c4544-0031',
    )
    expect(parseIoregUuid(null)).toBeNull()
    expect(pickDiskId(['wwn-0x5', 'nvme-Samsung_SSD_S4EW-part1', 'nvme-Samsung_SSD_S4EW', 'ata-WDC_1'])).toBe(
      'ata-WDC_1',
    )
  })
})

describe('device key', () => {
  it('is an Ed25519 key whose id is the RFC 7638 thumbprint, and signs verifiably', async () => {
    const record = generateDeviceKey()
    const key = loadDeviceKey(record)
    const thumbprint = createHash('sha256')
      .update(`{"crv":"Ed25519","kty":"OKP","x":"${record.x}"}`)
      .digest('base64url')
    expect(key.id).toBe(thumbprint)
    expect(key.sign(new Uint8Array([1, 2, 3]))).toHaveLength(64)
    expect(JSON.stringify(key)).not.toContain(record.d)
  })

  it('refuses a record whose private part does not match its public part', () => {
    const a = generateDeviceKey()
    const b = generateDeviceKey()
    expect(() => loadDeviceKey({ ...a, d: b.d })).toThrow()
  })
})
