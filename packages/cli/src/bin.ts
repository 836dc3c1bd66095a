import { parseArgs } from 'node:util'
import { CliError } from './cli-error.js'
import type { Command } from './command.js'
import { COMMANDS } from './commands/index.js'
import { EXIT } from './exit-codes.js'
import { commandHelp, globalHelp } from './help.js'
import { type Io, paint, processIo } from './output.js'

/** Runs one invocation and returns its exit code; never throws. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  if (argv.length === 0) {
    io.stderr(globalHelp(COMMANDS))
    return EXIT.USAGE
  }
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(globalHelp(COMMANDS))
    return EXIT.OK
  }
  if (argv[0] === '--version') {
    io.stdout('tessera 0.1.0\n')
    return EXIT.OK
  }
  const found = findCommand(argv)
  if (!found)
    return fail(
      io,
      new CliError(
        'USAGE',
        `unknown command "${argv.filter((a) => !a.startsWith('-')).join(' ')}"; see tessera --help`,
        EXIT.USAGE,
      ),
    )
  const { command, rest } = found
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    })
  } catch (err) {
    return fail(
      io,
      new CliError('USAGE', `${(err as Error).message}; see tessera ${command.name} --help`, EXIT.USAGE),
    )
  }
  if (parsed.values.help) {
    io.stdout(commandHelp(command))
    return EXIT.OK
  }
  try {
    return await command.run({ values: parsed.values, positionals: parsed.positionals, io })
  } catch (err) {
    return fail(io, err)
  }
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  let best: Command | undefined
  for (const command of COMMANDS) {
    const words = command.name.split(' ')
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.name.split(' ').length))
      best = command
  }
  return best ? { command: best, rest: argv.slice(best.name.split(' ').length) } : undefined
}

function fail(io: Io, err: unknown): number {
  if (err instanceof CliError) {
    io.stderr(`${paint(io, 'red', err.code)}: ${err.message}\n`)
    return err.exitCode
  }
  const message = err instanceof Error ? err.message : String(err)
  const code = (err as { code?: unknown })?.code
  io.stderr(`${paint(io, 'red', typeof code === 'string' ? code : 'ERROR')}: ${message}\n`)
  return EXIT.ERROR
}
