import type { Command } from '../command.js'
import { withDeviceClient } from '../device-client.js'
import { STORE_OPTION } from '../device-config.js'
import { EXIT } from '../exit-codes.js'
import { printJson, withProgress } from '../output.js'

export const deactivateCommand: Command = {
  name: 'deactivate',
  summary: 'give this device’s seat back (to move the license to another machine)',
  options: {
    store: STORE_OPTION,
    json: { type: 'boolean', description: 'print the signed receipt as JSON' },
  },
  example: 'tessera deactivate --store ./device-store',
  async run(input) {
    return withDeviceClient(input, async (client) => {
      const result = await withProgress(input.io, 'deactivating', () => client.deactivate())
      if (input.values.json) printJson(input.io, { receipt: result.receipt, claims: result.claims })
      else input.io.stdout(`Deactivated. The seat is free; receipt ${result.claims.jti}.\n`)
      return EXIT.OK
    })
  },
}
