// Builds host-child.ts into one plain-node file (bundleChild) and runs it (optionally through a
// wrapper command such as dbus-run-session), returning its report.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { bundleChild } from './child-process.js'
import type { ChildPlan, ChildReport } from './host-child.js'

/** Bundles the host child into `dir`; returns the script path. */
export function buildHostChild(dir: string): Promise<string> {
  return bundleChild(new URL('./host-child.ts', import.meta.url), join(dir, 'host-child.mjs'))
}

export interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `file args` with exactly `env`; never throws for a non-zero exit. */
export function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      [...args],
      { env, timeout: 60_000, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0
        if (err && code === null) reject(err)
        else resolve({ code, stdout, stderr })
      },
    )
    child.stdin?.end(input)
  })
}

/** The report line a child printed, or an error carrying its stderr. */
export function reportOf(ran: Ran): ChildReport {
  const line = ran.stdout.split('\n').find((l) => l.startsWith('{'))
  if (!line) throw new Error(`child printed no report (exit ${ran.code}): ${ran.stderr.slice(-2000)}`)
  return JSON.parse(line) as ChildReport
}

/** The arguments of node running the built child with `plan`. */
export function childArgs(script: string, plan: ChildPlan): string[] {
  return [script, JSON.stringify(plan)]
}
