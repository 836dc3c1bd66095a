/** Where a command writes, injectable for tests. */
export interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** True when stdout is a terminal: colour on stdout only then. */
  isTTY: boolean
  /** True when stderr is a terminal: colour in errors and warnings, and the progress line, only then. */
  stderrIsTTY: boolean
  env: NodeJS.ProcessEnv
}

export type Stream = 'stdout' | 'stderr'

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
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  }
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const
export type Colour = keyof typeof CODES

/** A terminal that understands cursor control (not TERM=dumb): each stream decides by its own isTTY. */
export function isTerminal(io: Io, stream: Stream): boolean {
  return (stream === 'stdout' ? io.isTTY : io.stderrIsTTY) && io.env.TERM !== 'dumb'
}

/**
 * Colour on `stream` only when that stream is a terminal, TERM is not "dumb" and NO_COLOR is unset
 * or empty (https://no-color.org). A redirected stream never receives escape codes.
 */
export function colourOn(io: Io, stream: Stream): boolean {
  return isTerminal(io, stream) && (io.env.NO_COLOR === undefined || io.env.NO_COLOR === '')
}

/** `text` in `colour` when `stream` (default stdout) may be coloured, else as is. */
export function paint(io: Io, colour: Colour, text: string, stream: Stream = 'stdout'): string {
  if (!colourOn(io, stream)) return text
  return `\u001b[${CODES[colour]}m${text}\u001b[0m`
}

export function printJson(io: Io, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`)
}

/** Milliseconds before the progress line appears: quick calls print nothing. */
const PROGRESS_DELAY_MS = 1000

/**
 * Runs `work`, showing a progress line on stderr if it takes more than a second (only when stderr
 * is a terminal), so slow network calls and key generation don't look like a hang.
 */
export async function withProgress<T>(io: Io, label: string, work: () => Promise<T>): Promise<T> {
  if (!isTerminal(io, 'stderr')) return work()
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
  let i = 0
  let shown = false
  const draw = () => {
    shown = true
    io.stderr(`\r${frames[i++ % frames.length]} ${label}…`)
  }
  let timer: NodeJS.Timeout | undefined
  const delay = setTimeout(() => {
    draw()
    timer = setInterval(draw, 100)
    timer.unref()
  }, PROGRESS_DELAY_MS)
  delay.unref()
  try {
    return await work()
  } finally {
    clearTimeout(delay)
    clearInterval(timer)
    if (shown) io.stderr('\r\u001b[2K')
  }
}
