// Real child processes for the store tests: a .ts entry bundled once with esbuild (already
// installed: tsx uses it) so each child starts as plain node (`node --import tsx` costs ~1.5 s a
// start here), and a spawn that hands each stdout line to the test.
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const packageSource = (name: string) =>
  fileURLToPath(new URL(`../../../${name}/src/index.ts`, import.meta.url))

/** Bundles `entry` (a URL of a .ts file) to `outfile`, with our packages taken from source as vitest does. */
export async function bundleChild(entry: URL, outfile: string): Promise<string> {
  await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    alias: { '@tessera/core': packageSource('core'), '@tessera/crypto-node': packageSource('crypto-node') },
  })
  return outfile
}

export interface RunningChild {
  readonly process: ChildProcess
  /** Every stdout line so far. */
  readonly lines: string[]
  /** Resolves with the exit code (null when killed by a signal) once the child is gone. */
  readonly exited: Promise<number | null>
}

/** Runs `node script config` with the config as one JSON argument; `onLine` sees each stdout line. */
export function runChild(
  script: string,
  config: unknown,
  onLine: (line: string) => void = () => {},
): RunningChild {
  const child = spawn(process.execPath, [script, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines: string[] = []
  let buffer = ''
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    buffer += chunk
    const parts = buffer.split('\n')
    buffer = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      onLine(line)
    }
  })
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve(code))
  })
  return { process: child, lines, exited }
}
