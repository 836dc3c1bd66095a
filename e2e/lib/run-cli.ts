import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The built `tessera` launcher, run as a real process as a user would. */
export const TESSERA_BIN = fileURLToPath(new URL('../../packages/cli/bin/tessera.js', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `tessera …` to completion (bounded by a timeout) in `cwd` with extra environment. */
export function tessera(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TESSERA_BIN, ...args],
      {
        cwd: options.cwd,
        env: { ...process.env, NO_COLOR: '1', ...options.env },
        timeout: options.timeoutMs ?? 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** Starts `tessera serve` and resolves with its URL once it listens. */
export async function serve(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [TESSERA_BIN, 'serve', ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString()
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code}: ${out}`))
    })
  })
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** Quotes one word for sh. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`
}

/**
 * Runs `tessera …` under util-linux `script`, so stdout and stderr are a terminal (a pty) unless
 * `redirect` (e.g. "2>err.txt") sends one elsewhere. `stdout` is what the terminal showed. The
 * environment is taken as given: NO_COLOR is not set for you.
 */
export function tesseraTty(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; redirect?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const command = [process.execPath, TESSERA_BIN, ...args].map(shellQuote).join(' ')
  return new Promise((resolve) => {
    execFile(
      'script',
      ['-qec', `${command}${options.redirect ? ` ${options.redirect}` : ''}`, '/dev/null'],
      {
        cwd: options.cwd,
        env: { ...process.env, TERM: 'xterm-256color', ...options.env },
        timeout: options.timeoutMs ?? 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}
