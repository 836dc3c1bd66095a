import { adminRequest, requiredFlag } from '../admin-api.js'
import type { Command } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { printJson } from '../output.js'
import { deviceTable } from './admin-license.js'
import { ADMIN_OPTIONS } from './admin-product.js'
import { revoke } from './admin-revoke.js'

const DEVICE_OPTIONS = {
  ...ADMIN_OPTIONS,
  license: { type: 'string', description: 'license id' },
  device: { type: 'string', description: 'device id (key thumbprint)' },
} as const

const devicePath = (license: string, device: string, verb: string) =>
  `/v1/admin/licenses/${encodeURIComponent(license)}/devices/${encodeURIComponent(device)}/${verb}`

export const deviceListCommand: Command = {
  name: 'admin device list',
  summary: 'devices of a license',
  options: { ...ADMIN_OPTIONS, license: DEVICE_OPTIONS.license },
  example: 'tessera admin device list --license lic_abc',
  async run(input) {
    const license = await adminRequest<{ devices?: Record<string, unknown>[] }>(
      input,
      'GET',
      `/v1/admin/licenses/${encodeURIComponent(requiredFlag(input, 'license'))}`,
    )
    if (input.values.json) printJson(input.io, license.devices ?? [])
    else input.io.stdout(deviceTable(license.devices ?? []))
    return EXIT.OK
  },
}

export const deviceRevokeCommand: Command = {
  name: 'admin device revoke',
  summary: 'revoke one device of a license for good',
  options: { ...DEVICE_OPTIONS, reason: { type: 'string', description: 'reason code, e.g. stolen' } },
  example: 'tessera admin device revoke --license lic_abc --device 3Zq… --reason stolen',
  async run(input) {
    const license = requiredFlag(input, 'license')
    const device = requiredFlag(input, 'device')
    await revoke(
      input,
      devicePath(license, device, 'revoke'),
      (input.values.reason as string | undefined) ?? 'unspecified',
    )
    if (!input.values.json) input.io.stdout(`Revoked device ${device}\n`)
    return EXIT.OK
  },
}

export const deviceReleaseCommand: Command = {
  name: 'admin device release',
  summary: 'free the seat of a device that cannot deactivate itself (lost, broken)',
  options: DEVICE_OPTIONS,
  example: 'tessera admin device release --license lic_abc --device 3Zq…',
  async run(input) {
    const license = requiredFlag(input, 'license')
    const device = requiredFlag(input, 'device')
    const result = await adminRequest(input, 'POST', devicePath(license, device, 'release'), {})
    if (input.values.json) printJson(input.io, result)
    else input.io.stdout(`Released the seat of ${device}\n`)
    return EXIT.OK
  },
}
