import { CliError } from '../cli-error.js'
import type { Command } from '../command.js'
import { exitFor, saveWithEssential, withDeviceClient } from '../device-client.js'
import { STORE_OPTION, storeDir } from '../device-config.js'
import { EXIT } from '../exit-codes.js'
import { withProgress } from '../output.js'
import { printDecision } from './device-status.js'

export const renewCommand: Command = {
  name: 'renew',
  summary: 'renew the lease now (online); a revocation is learned here',
  options: { store: STORE_OPTION, json: { type: 'boolean', description: 'print the decision as JSON' } },
  example: 'tessera renew --store ./device-store',
  async run(input) {
    return withDeviceClient(input, async (client, config) => {
      const result = await withProgress(input.io, 'renewing', () => client.renew())
      if (result.outcome === 'renewed') await saveWithEssential(storeDir(input), config, client)
      printDecision(input, result.decision, client.status())
      if (result.outcome === 'renewed' || result.outcome === 'revoked') return exitFor(result.decision)
      throw new CliError(
        result.code ?? result.outcome.toUpperCase(),
        `renewal did not complete (${result.outcome}); access is unchanged`,
        EXIT.ERROR,
      )
    })
  },
}
