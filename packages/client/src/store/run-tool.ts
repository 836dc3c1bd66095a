import { execFile } from 'node:child_process'

/** What a keychain tool did: its exit code (null when it did not run to an exit) and its output. */
export interface ToolResult {
  /** Exit code; null when the tool could not be started, timed out or was killed. */
  code: number | null
  stdout: string
  stderr: string
  /** The tool does not exist here (ENOENT). */
  missing: boolean
  /** The tool was killed after `timeoutMs`. */
  timedOut: boolean
}

/**
 * Runs a keychain tool: `file` with `args` (never through a shell), `input` written to its stdin
 * (secrets travel only there, never in the arguments), killed after `timeoutMs`. Injectable so
 * the macOS and Windows vaults can be tested by what they run and how they read the answer.
 */
export type RunTool = (
  file: string,
  args: readonly string[],
  input: string,
  timeoutMs: number,
) => Promise<ToolResult>

/** Longest output read from a tool: a key is tens of bytes, an error a line. */
const MAX_OUTPUT = 64 * 1024

export const runTool: RunTool = (file, args, input, timeoutMs) =>
  new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_OUTPUT,
        windowsHide: true,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: unknown }) | null
        resolve({
          code: e === null ? 0 : typeof e.code === 'number' ? e.code : null,
          stdout: String(stdout ?? ''),
          stderr: String(stderr ?? ''),
          missing: e?.code === 'ENOENT',
          timedOut: e?.killed === true && typeof e.code !== 'number',
        })
      },
    )
    // EPIPE when the tool exits without reading its input: the exit code tells what happened
    child.stdin?.on('error', () => {})
    child.stdin?.end(input)
  })
