/** Where a command writes, injectable for tests. */
export interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** True when stdout is a terminal (colour and spinners only then). */
  isTTY: boolean
  env: NodeJS.ProcessEnv
}

export function processIo(): Io {
  // A reader that stops early (`tessera status | head -1`) closes the pipe: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw err
  })
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  }
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const
export type Colour = keyof typeof CODES

/** Colour only on a terminal and never when NO_COLOR is set (https://no-color.org). */
export function paint(io: Io, colour: Colour, text: string): string {
  if (!io.isTTY || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '')) return text
  return `\u001b[${CODES[colour]}m${text}\u001b[0m`
}

export function printJson(io: Io, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`)
}

/**
 * Runs `work`, showing a progress line on stderr if it takes more than a second (TTY only), so
 * slow network calls don't look like a hang.
 */
export async function withProgress<T>(io: Io, label: string, work: () => Promise<T>): Promise<T> {
  if (!io.isTTY) return work()
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
  let i = 0
  let shown = false
  const timer = setInterval(() => {
    shown = true
    io.stderr(`\r${frames[i++ % frames.length]} ${label}…`)
  }, 1000)
  timer.unref()
  try {
    return await work()
  } finally {
    clearInterval(timer)
    if (shown) io.stderr('\r\u001b[2K')
  }
}
