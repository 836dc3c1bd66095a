import type { Io } from './output.js'

export type OptionSpec = {
  type: 'string' | 'boolean'
  short?: string
  description: string
  multiple?: boolean
}

/** One verb of the CLI: one file, flags parsed for it, no rules of its own beyond presentation. */
export interface Command {
  /** Words that select it, e.g. "admin license create". */
  name: string
  summary: string
  /** Positional arguments, e.g. "KEY". */
  args?: string
  options: Record<string, OptionSpec>
  /** A full example invocation for --help. */
  example: string
  run(input: CommandInput): Promise<number>
}

export interface CommandInput {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>
  positionals: string[]
  io: Io
}
