import { readFile, writeFile } from 'node:fs/promises'
import { requiredArg, requiredFlag } from '../admin-api.js'
import { CliError, usageError } from '../cli-error.js'
import type { Command } from '../command.js'
import { clientFor, exitFor, saveWithEssential, withDeviceClient } from '../device-client.js'
import {
  type DeviceConfig,
  loadDeviceConfig,
  readRootKey,
  STORE_OPTION,
  saveDeviceConfig,
  storeDir,
} from '../device-config.js'
import { EXIT } from '../exit-codes.js'
import { printJson } from '../output.js'
import { printDecision } from './device-status.js'

export const offlineRequestCommand: Command = {
  name: 'offline request',
  summary: 'write an air-gapped activation (with --key) or renewal request file',
  options: {
    store: STORE_OPTION,
    out: { type: 'string', description: 'request file to write' },
    key: { type: 'string', description: 'license key (first activation only)' },
    product: { type: 'string', description: 'product id (first activation only)' },
    'root-key': { type: 'string', description: 'root public key file (first activation only)' },
    json: { type: 'boolean', description: 'print { out, kind } as JSON' },
  },
  example:
    'tessera offline request --store ./s --product demo --root-key root.pub.jwk --key TSR-… --out req.tessera',
  async run(input) {
    const out = requiredFlag(input, 'out')
    const dir = storeDir(input)
    const config = await configForRequest(input, dir)
    const client = await clientFor(dir, config)
    try {
      const request = await client.offlineRequest(input.values.key as string | undefined)
      await writeFile(out, `${request}\n`)
      if (input.values.json) printJson(input.io, { out, kind: input.values.key ? 'activation' : 'renewal' })
      else
        input.io.stdout(
          `Wrote ${out}: carry it to the operator (tessera admin offline respond), then run tessera offline import\n`,
        )
      return EXIT.OK
    } finally {
      await client.close()
    }
  },
}

/** The saved configuration, or a new one from --product and --root-key for a first activation. */
async function configForRequest(input: Parameters<Command['run']>[0], dir: string): Promise<DeviceConfig> {
  if (typeof input.values.product !== 'string') return loadDeviceConfig(dir)
  if (!input.values.key) throw usageError('--key is needed with --product for a first activation')
  const config = {
    product: input.values.product,
    serverUrl: null,
    root: await readRootKey(requiredFlag(input, 'root-key')),
    essential: [],
  }
  await saveDeviceConfig(dir, config)
  return config
}

export const offlineImportCommand: Command = {
  name: 'offline import',
  summary: 'import the operator’s response file',
  args: 'FILE',
  options: { store: STORE_OPTION, json: { type: 'boolean', description: 'print the decision as JSON' } },
  example: 'tessera offline import resp.tessera --store ./device-store',
  async run(input) {
    const file = requiredArg(input, 0, 'FILE')
    const text = await readFile(file, 'utf8').catch(() => {
      throw new CliError('FILE_UNREADABLE', `cannot read ${file}`, EXIT.USAGE)
    })
    return withDeviceClient(input, async (client, config) => {
      const decision = await client.importOfflineResponse(text.trim())
      await saveWithEssential(storeDir(input), config, client)
      printDecision(input, decision, client.status())
      return exitFor(decision)
    })
  },
}
