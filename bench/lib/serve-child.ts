import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { REPO } from './build.js'

/** A bench's server, running in its own process until `stop`. */
export interface ServeChild {
  url: string
  proc: ChildProcess
  stop(): Promise<void>
}

/**
 * Re-enters the bench file `self` with `--serve <config JSON>` in a child process, as deployed
 * (NODE_ENV=production), and resolves once it prints `LISTENING <url>`; the child serves until
 * its stdin closes. Other lines it prints go to `onLine`.
 */
export function startServeChild(
  self: string,
  config: unknown,
  onLine: (line: string) => void = () => {},
): Promise<ServeChild> {
  const proc = spawn(process.execPath, ['--import', 'tsx', self, '--serve', JSON.stringify(config)], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)))
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (!line.startsWith('LISTENING ')) return onLine(line)
      resolve({
        url: line.slice('LISTENING '.length),
        proc,
        stop: () =>
          new Promise<void>((done) => {
            proc.removeAllListeners('exit')
            proc.once('exit', () => done())
            proc.stdin!.end()
            setTimeout(() => proc.kill('SIGKILL'), 10_000).unref()
          }),
      })
    })
  })
}
