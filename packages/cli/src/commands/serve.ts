import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { intFlag } from '../admin-api.js'
import { CliError, usageError } from '../cli-error.js'
import type { Command, CommandInput } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { untilSignal } from '../signals.js'
import { DATA_OPTION } from './init.js'

export const SERVE_OPTIONS = {
  data: DATA_OPTION,
  host: { type: 'string', description: 'address to bind (default 127.0.0.1)' },
  port: { type: 'string', description: 'port (default 7300)' },
  database: { type: 'string', description: 'postgres://… URL (default: SQLite in the data directory)' },
  'log-level': { type: 'string', description: 'fatal|error|warn|info|debug (default info)' },
  'per-ip-limit': {
    type: 'string',
    description: 'device requests per client IP per minute, counted by this replica (default 600)',
  },
  'per-license-limit': {
    type: 'string',
    description: 'device requests per license per minute, shared by all replicas (default 120)',
  },
  'max-in-flight': {
    type: 'string',
    description: 'requests handled at once before new ones get 503 OVERLOADED; 0 = no limit (default 1024)',
  },
  'max-utilization': {
    type: 'string',
    description: 'event-loop utilisation (0..1) above which a growing share is shed; 0 = off (default 0)',
  },
} as const

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the license server until interrupted',
  options: SERVE_OPTIONS,
  example: 'tessera serve --data ./tessera-data --port 7300 --database postgres://tessera@db/tessera',
  async run(input) {
    const { url, stop } = await startServing(input.values)
    input.io.stdout(`tessera server listening on ${url}\n`)
    await untilSignal()
    await stop()
    return EXIT.OK
  },
}

export async function startServing(
  values: Record<string, unknown>,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = intFlag(values as CommandInput['values'], 'port', 7300)!
  if (port > 65535) throw usageError('--port must be at most 65535')
  const level = (values['log-level'] as string | undefined) ?? 'info'
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level))
    throw usageError('unknown --log-level')
  const dataDir = (values.data as string | undefined) ?? './tessera-data'
  requireDataDir(dataDir)
  // Loaded on use: the server's dependencies (Fastify, database drivers) would slow every other verb.
  const { createServer } = await import('@tessera/server')
  const flags = values as CommandInput['values']
  const perIp = positive(flags, 'per-ip-limit')
  const perLicense = positive(flags, 'per-license-limit')
  const maxInFlight = intFlag(flags, 'max-in-flight')
  const maxUtilization = fractionFlag(flags, 'max-utilization')
  const server = await createServer({
    dataDir,
    logLevel: level,
    ...(typeof values.database === 'string' ? { database: values.database } : {}),
    rateLimits: {
      ...(perIp !== undefined ? { perIp } : {}),
      ...(perLicense !== undefined ? { perLicense } : {}),
    },
    loadShedding: {
      ...(maxInFlight !== undefined ? { maxInFlight } : {}),
      ...(maxUtilization !== undefined ? { maxUtilization } : {}),
    },
  })
  const url = await server.listen({ host: (values.host as string | undefined) ?? '127.0.0.1', port })
  return { url, stop: () => server.close() }
}

/**
 * Refuses a directory `tessera init` did not create before anything is opened: opening the
 * database would create a stray tessera.db there, after which init refuses the directory.
 */
function requireDataDir(dataDir: string): void {
  // root.pub.jwk is written last by init; key files may live elsewhere (HSM, an offline root).
  if (existsSync(join(dataDir, 'root.pub.jwk'))) return
  const what = existsSync(dataDir) ? 'has no root.pub.jwk' : 'does not exist'
  throw new CliError(
    'DATA_DIR_MISSING',
    `${dataDir} ${what}: it is not a Tessera data directory; run tessera init --data ${dataDir} first`,
    EXIT.ERROR,
  )
}

function positive(values: CommandInput['values'], name: string): number | undefined {
  const n = intFlag(values, name)
  if (n === 0) throw usageError(`--${name} must be at least 1`)
  return n
}

function fractionFlag(values: CommandInput['values'], name: string): number | undefined {
  const raw = values[name]
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (typeof raw !== 'string' || !/^(0|1|0?\.\d+)$/.test(raw) || !(n >= 0 && n <= 1))
    throw usageError(`--${name} must be a number from 0 to 1`)
  return n
}
