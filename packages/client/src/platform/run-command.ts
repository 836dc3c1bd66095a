import { execFile } from 'node:child_process'
import { win32 } from 'node:path'

/** Why a command gave no exit code: not installed, killed at its timeout, too much output, or not started. */
export type CommandFailure = 'missing' | 'timeout' | 'output-limit' | 'spawn-failed'

/** What a command did: its exit code (null when it did not run to an exit) and its output. */
export interface CommandResult {
  /** Exit code; null when `failure` says why there is none. */
  code: number | null
  stdout: string
  stderr: string
  failure: CommandFailure | null
}

export interface CommandOptions {
  /** Written to the command's stdin (secrets travel only there, never in the arguments). Default ''. */
  input?: string
  /** Milliseconds before the command is killed (SIGKILL). Default 3000. */
  timeoutMs?: number
  /** Bytes of stdout or stderr read at most; beyond, the command is killed. Default 4 MiB. */
  maxOutputBytes?: number
}

/**
 * Runs `file` with `args`, never through a shell; never rejects. Injectable so callers (keychain
 * vaults, fingerprint sources) can be tested by what they run and how they read the answer.
 */
export type RunCommand = (
  file: string,
  args: readonly string[],
  options?: CommandOptions,
) => Promise<CommandResult>

/** Milliseconds a small system command may take by default. */
export const COMMAND_TIMEOUT_MS = 3000
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024

export const runCommand: RunCommand = (file, args, options = {}) =>
  new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      {
        timeout: options.timeoutMs ?? COMMAND_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        maxBuffer: options.maxOutputBytes ?? MAX_OUTPUT_BYTES,
        windowsHide: true,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: unknown }) | null
        const code = e === null ? 0 : typeof e.code === 'number' ? e.code : null
        resolve({
          code,
          stdout: String(stdout ?? ''),
          stderr: String(stderr ?? ''),
          failure: failureOf(e, code),
        })
      },
    )
    // EPIPE when the command exits without reading its input: the exit code tells what happened
    child.stdin?.on('error', () => {})
    child.stdin?.end(options.input ?? '')
  })

function failureOf(
  e: (NodeJS.ErrnoException & { killed?: boolean }) | null,
  code: number | null,
): CommandFailure | null {
  if (e === null || code !== null) return null
  if (e.code === 'ENOENT') return 'missing'
  if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return 'output-limit'
  return e.killed ? 'timeout' : 'spawn-failed'
}

/** The stdout of a command that exited 0, else null (missing, failed, timed out). */
export async function commandOutput(
  file: string,
  args: readonly string[],
  run: RunCommand = runCommand,
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<string | null> {
  const result = await run(file, args, { timeoutMs })
  return result.code === 0 ? result.stdout : null
}

/** Windows PowerShell 5.1 by absolute path (present on every supported Windows; never looked up in PATH). */
export function windowsPowerShell(): string {
  const root = process.env.SystemRoot ?? 'C:\\Windows'
  return win32.join(root, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe')
}

/** Arguments running one PowerShell command without profile, logo or prompts. */
export function powerShellArgs(command: string): string[] {
  return ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', command]
}
