import { parseArgs } from 'node:util'
import { CliError } from './cli-error.js'
import type { Command } from './command.js'
import { COMMANDS } from './commands/index.js'
import { EXIT } from './exit-codes.js'
import { commandGroups, commandHelp, globalHelp, groupHelp } from './help.js'
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
  if (!found) return groupOrUnknown(argv, io)
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
  const extra = parsed.positionals.slice(positionalCount(command))
  if (extra.length > 0)
    return fail(
      io,
      new CliError(
        'USAGE',
        `unexpected argument "${extra[0]}"; tessera ${command.name}${command.args ? ` takes ${command.args}` : ' takes no arguments'} (see --help)`,
        EXIT.USAGE,
      ),
    )
  try {
    return await command.run({ values: parsed.values, positionals: parsed.positionals, io })
  } catch (err) {
    return fail(io, err)
  }
}

/** Positional arguments a verb takes: one per word of its `args` ("KEY" → 1). */
function positionalCount(command: Command): number {
  return command.args ? command.args.trim().split(/\s+/).length : 0
}

/**
 * No verb matched: a command group ("admin", "keys", "admin license") lists its verbs — on stdout
 * with exit 0 for --help, else on stderr with exit 2 — and anything else is an unknown command.
 */
function groupOrUnknown(argv: string[], io: Io): number {
  const firstFlag = argv.findIndex((a) => a.startsWith('-'))
  const leading = firstFlag === -1 ? argv : argv.slice(0, firstFlag)
  const groups = commandGroups(COMMANDS)
  let group: string | undefined
  for (let n = leading.length; n > 0 && !group; n--) {
    const prefix = leading.slice(0, n).join(' ')
    if (groups.has(prefix)) group = prefix
  }
  const exact = group !== undefined && leading.join(' ') === group
  if (exact && argv.some((a) => a === '--help' || a === '-h')) {
    io.stdout(groupHelp(group!, COMMANDS))
    return EXIT.OK
  }
  const problem = exact
    ? `tessera ${group} needs a verb`
    : `unknown command "${argv.filter((a) => !a.startsWith('-')).join(' ')}"`
  if (!group) return fail(io, new CliError('USAGE', `${problem}; see tessera --help`, EXIT.USAGE))
  fail(io, new CliError('USAGE', problem, EXIT.USAGE))
  io.stderr(`\n${groupHelp(group, COMMANDS)}`)
  return EXIT.USAGE
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
    io.stderr(`${paint(io, 'red', err.code, 'stderr')}: ${err.message}\n`)
    return err.exitCode
  }
  const message = err instanceof Error ? err.message : String(err)
  const code = (err as { code?: unknown })?.code
  io.stderr(`${paint(io, 'red', typeof code === 'string' ? code : 'ERROR', 'stderr')}: ${message}\n`)
  return EXIT.ERROR
}
