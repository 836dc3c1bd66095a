import { openClient } from '@tessera/client'
import { requiredArg, requiredFlag, serverUrl } from '../admin-api.js'
import type { Command } from '../command.js'
import { exitFor, saveWithEssential } from '../device-client.js'
import { readRootKey, STORE_OPTION, storeDir } from '../device-config.js'
import { withProgress } from '../output.js'
import { printDecision } from './device-status.js'

export const activateCommand: Command = {
  name: 'activate',
  summary: 'activate this device with a license key (online)',
  args: 'KEY',
  options: {
    server: { type: 'string', description: 'license server URL (or TESSERA_SERVER)' },
    product: { type: 'string', description: 'product id' },
    'root-key': { type: 'string', description: 'the root public key file (root.pub.jwk) to pin' },
    store: STORE_OPTION,
    json: { type: 'boolean', description: 'print the decision as JSON' },
  },
  example:
    'tessera activate TSR-… --server http://127.0.0.1:7300 --product demo --root-key root.pub.jwk --store ./device-store',
  async run(input) {
    const key = requiredArg(input, 0, 'KEY')
    const config = {
      product: requiredFlag(input, 'product'),
      serverUrl: serverUrl(input),
      root: await readRootKey(requiredFlag(input, 'root-key')),
      essential: [],
    }
    const dir = storeDir(input)
    const client = await openClient({
      product: config.product,
      roots: [config.root],
      storeDir: dir,
      serverUrl: config.serverUrl,
    })
    try {
      const decision = await withProgress(input.io, 'activating', () => client.activate(key))
      await saveWithEssential(dir, config, client)
      printDecision(input, decision, client.status())
      return exitFor(decision)
    } finally {
      await client.close()
    }
  },
}
