import type { InitResult } from '@tessera/server'
import { CliError } from '../cli-error.js'
import type { Command, CommandInput } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { type Io, paint, printJson, withProgress } from '../output.js'
import { refusePinValue } from '../pkcs11-flag.js'

export const DATA_OPTION = { type: 'string', description: 'data directory (default ./tessera-data)' } as const

export const initCommand: Command = {
  name: 'init',
  summary: 'create a data directory: database, keys, root public key, first admin token',
  options: {
    data: DATA_OPTION,
    demo: { type: 'boolean', description: 'also seed product "demo", a 7-day policy and a 3-seat license' },
    database: { type: 'string', description: 'postgres://… URL (default: SQLite in the data directory)' },
    issuer: { type: 'string', description: 'issuer name written in tokens (default "tessera")' },
    pkcs11: {
      type: 'string',
      description:
        'sign with this HSM key (pkcs11: URI; see keys pkcs11-generate) instead of a new online key file',
    },
    json: { type: 'boolean', description: 'print { adminToken, rootKeyFile, … } as JSON' },
  },
  example: 'TESSERA_KEY_PASSPHRASE_FILE=./pass tessera init --data ./tessera-data --demo',
  async run(input) {
    const result = await initialise(
      input,
      (input.values.data as string) ?? './tessera-data',
      Boolean(input.values.demo),
    )
    if (!result.encrypted) warnUnencrypted(input.io)
    if (input.values.json) {
      printJson(input.io, {
        adminToken: result.adminToken,
        rootKeyFile: result.rootKeyFile,
        ...(result.demo
          ? { product: result.demo.product, policy: result.demo.policy, licenseKey: result.demo.licenseKey }
          : {}),
      })
    } else {
      printInitSummary(input.io, result)
    }
    return EXIT.OK
  },
}

/** Shared by `init` and `start`: the passphrase comes from the environment, never from a flag. */
export async function initialise(input: CommandInput, dataDir: string, demo: boolean): Promise<InitResult> {
  const { DataDirExistsError, initDataDir, resolvePassphrase } = await import('@tessera/server')
  const passphrase = await resolvePassphrase({ env: input.io.env })
  const pkcs11 = input.values.pkcs11
  if (typeof pkcs11 === 'string') await refusePinValue(pkcs11, '--pkcs11')
  try {
    return await withProgress(input.io, 'creating keys and the database', () =>
      initDataDir({
        dataDir,
        demo,
        ...(passphrase ? { passphrase } : {}),
        ...(typeof pkcs11 === 'string' ? { onlineKey: pkcs11 } : {}),
        ...(typeof input.values.database === 'string' ? { database: input.values.database } : {}),
        ...(typeof input.values.issuer === 'string' ? { issuer: input.values.issuer } : {}),
      }),
    )
  } catch (err) {
    if (err instanceof DataDirExistsError) {
      throw new CliError(
        'DATA_DIR_EXISTS',
        `${dataDir} already exists and is not empty; init never overwrites keys`,
        EXIT.ERROR,
      )
    }
    throw err
  }
}

export function warnUnencrypted(io: Io): void {
  io.stderr(
    `${paint(io, 'yellow', 'warning', 'stderr')}: key files are NOT encrypted. Set TESSERA_KEY_PASSPHRASE or TESSERA_KEY_PASSPHRASE_FILE before init to encrypt them.\n`,
  )
}

/** What a person needs after init; secrets appear here once and nowhere else. */
export function printInitSummary(io: Io, result: InitResult): void {
  io.stdout(`Root public key (pin it in your app): ${result.rootKeyFile}\n`)
  io.stdout(`Admin token (shown once, store it safely): ${paint(io, 'bold', result.adminToken)}\n`)
  if (result.demo) {
    io.stdout(
      `Demo product: ${result.demo.product}   policy: ${result.demo.policy}   license: ${result.demo.license}\n`,
    )
    io.stdout(`Demo license key (shown once): ${paint(io, 'bold', result.demo.licenseKey)}\n`)
  }
}
