import { CliError } from '../cli-error.js'
import type { Command } from '../command.js'
import { withDeviceClient } from '../device-client.js'
import { STORE_OPTION } from '../device-config.js'
import { EXIT } from '../exit-codes.js'
import { printJson } from '../output.js'

export const privacyCommand: Command = {
  name: 'privacy',
  summary: 'what is stored on this device and what is sent, in plain words',
  options: { store: STORE_OPTION, json: { type: 'boolean', description: 'structured report' } },
  example: 'tessera privacy --store ./device-store',
  async run(input) {
    return withDeviceClient(input, async (client) => {
      const report = client.privacyReport()
      if (input.values.json) printJson(input.io, report)
      else input.io.stdout(`${report.text}\n`)
      return EXIT.OK
    })
  },
}

export const leaseCommand: Command = {
  name: 'lease',
  summary: 'print the current lease as its compact JWS (inspect it with any JOSE tool)',
  options: { store: STORE_OPTION },
  example: 'tessera lease --store ./device-store | cut -d. -f2 | base64 -d',
  async run(input) {
    return withDeviceClient(input, async (client) => {
      const bundle = client.diagnostics().input.bundle
      const lease = bundle && 'lease' in bundle && typeof bundle.lease === 'string' ? bundle.lease : null
      if (!lease)
        throw new CliError('NO_LEASE', 'this store holds no lease; activate first', EXIT.NOT_ALLOWED)
      input.io.stdout(`${lease}\n`)
      return EXIT.OK
    })
  },
}
