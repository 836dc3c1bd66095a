import { execFile } from 'node:child_process'

/** Milliseconds a fingerprint command may take before it counts as absent. Default 3000. */
export const COMMAND_TIMEOUT_MS = 3000

/**
 * Output of a small system command, or null when it is missing, fails or runs out of time, so
 * opening the client never hangs on a fingerprint source and never throws because of one.
 */
export function runCommand(file: string, args: readonly string[], timeoutMs = COMMAND_TIMEOUT_MS) {
  return new Promise<string | null>((resolve) => {
    execFile(
      file,
      [...args],
      { timeout: timeoutMs, windowsHide: true, maxBuffer: 4 * 1024 * 1024 },
      (err, stdout) => resolve(err ? null : stdout),
    )
  })
}
