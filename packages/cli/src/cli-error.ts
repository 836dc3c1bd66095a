import { EXIT, type ExitCode } from './exit-codes.js'

/**
 * An error the CLI reports as `code: message` on stderr with a documented exit code. Messages
 * never contain license keys, tokens or passphrases.
 */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode = EXIT.ERROR,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'CliError'
  }
}

export function usageError(message: string): CliError {
  return new CliError('USAGE', message, EXIT.USAGE)
}
